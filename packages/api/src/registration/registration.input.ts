import { Field, ID, InputType, Int } from "type-graphql";
import { Perspective } from "../member/member.type.js";
import { RequestAnswerInput } from "../request/request.input.js";

@InputType({ description: "A guardian (vårdnadshavare) of a member under the network's age limit." })
export class GuardianInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "E.g. mother, father, legal guardian." })
  relation?: string | null;
}

@InputType({ description: "Consent to the processing of personal data, naming the exact text version that was shown." })
export class ProcessingConsentInput {
  @Field(() => String, { description: "`Tenant.currentConsentText(kind: PROCESSING).version` as shown to the person." })
  textVersion!: string;

  @Field(() => Boolean, { description: "Must be true: the person ticked the consent box." })
  accepted!: boolean;
}

/**
 * The person's details as both the public form and a coordinator's postal or phone entry collect them; one class so
 * the two mutations cannot drift apart. Decorated so type-graphql copies its fields into each subclass.
 */
@InputType()
export abstract class RegistrationDetailsInput {
  @Field(() => [ID], { description: "The networks to join (at least one)." })
  networkIds!: string[];

  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;

  @Field(() => String, { nullable: true, description: "E-mail or phone is required." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Swedish or international format; stored as E.164." })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "ISO date, YYYY-MM-DD. Either this or birthYear." })
  birthDate?: string | null;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;

  @Field(() => String, { nullable: true })
  municipality?: string | null;

  @Field(() => [Perspective], { description: "At least one." })
  perspectives!: Perspective[];

  @Field(() => [String], { nullable: true, description: "Keys of the tenant's experience taxonomy." })
  experienceTagKeys?: string[] | null;

  @Field(() => String, { nullable: true, description: "Own words about the experience." })
  experienceText?: string | null;

  @Field(() => [String], { nullable: true })
  competences?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Languages spoken, e.g. `sv`, `en`, `ar`." })
  languages?: string[] | null;

  @Field(() => String, { nullable: true })
  accessibilityNeeds?: string | null;

  @Field(() => String, { nullable: true, description: "When the person is usually available." })
  availabilityNote?: string | null;

  @Field(() => String, { nullable: true, description: "The patient or user organisation the person represents, if any." })
  organisationRepresented?: string | null;

  @Field(() => String, { nullable: true, description: "`sv` or `en`: the language of messages to the person." })
  preferredLocale?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Personnummer or samordningsnummer (YYYYMMDD-NNNN, YYMMDD-NNNN, with or without the dash), optional. Checked for format, date and check digit; stored encrypted and only ever shown masked. A person signed in with a verified number (BankID, Freja eID) records that number: leave it out, or it must be the same.",
  })
  personalIdentityNumber?: string | null;

  @Field(() => GuardianInput, { nullable: true, description: "Required below the network's guardian-consent age." })
  guardian?: GuardianInput | null;

  @Field(() => ProcessingConsentInput)
  consent!: ProcessingConsentInput;

  @Field(() => [RequestAnswerInput], {
    nullable: true,
    description:
      "Answers to the region's own questions (`Tenant.registrationForm.questions`), checked against exactly what the form says; errors at `input.answers.<KEY>`, with the other field errors.",
  })
  answers?: RequestAnswerInput[] | null;
}

@InputType({ description: "An interest registration to one or more of a tenant's networks (public; no token needed)." })
export class RegisterMemberInput extends RegistrationDetailsInput {
  @Field(() => String, { description: "The tenant's slug, e.g. `kalmar`." })
  tenantSlug!: string;
}
