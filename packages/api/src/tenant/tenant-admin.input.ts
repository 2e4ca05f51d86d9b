import { Field, InputType, Int } from "type-graphql";
import { ConsentKind, FeeClaimAttester } from "./tenant.type.js";

@InputType({ description: "The first administrator of a new tenant, known by the tenant's identity provider." })
export class FirstAdminInput {
  @Field(() => String, { description: "The `sub` their tokens will carry." })
  subject!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;
}

@InputType({ description: "A new region joining the platform, and whose tokens it trusts." })
export class CreateTenantInput {
  @Field(() => String, { description: "Lower-case a–z, digits and hyphens, e.g. `sormland`." })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: "Default `sv-SE`." })
  locale?: string | null;

  @Field(() => String, { nullable: true, description: "Default `Europe/Stockholm`." })
  timeZone?: string | null;

  @Field(() => String, { nullable: true, description: "Default `SEK`." })
  currency?: string | null;

  @Field(() => String, { description: "The `iss` of the tenant's identity provider." })
  tokenIssuer!: string;

  @Field(() => String, { description: "The `aud` its tokens carry for Medverkan." })
  tokenAudience!: string;

  @Field(() => String, { nullable: true, description: "HTTPS address of the provider's JSON Web Key Set." })
  jwksUrl?: string | null;

  @Field(() => String, { nullable: true, description: "Or the public keys inline, as JWKS JSON text." })
  publicKeys?: string | null;

  @Field(() => FirstAdminInput)
  firstAdmin!: FirstAdminInput;
}

@InputType({ description: "A new version of a consent text; the previous version of the kind is retired." })
export class PublishConsentTextInput {
  @Field(() => ConsentKind)
  kind!: ConsentKind;

  @Field(() => String, { description: "A label people can refer to, e.g. `2026-1`." })
  version!: string;

  @Field(() => String)
  textSv!: string;

  @Field(() => String)
  textEn!: string;
}

@InputType({ description: "Changes to the own tenant's settings. A field left out keeps its value." })
export class UpdateTenantSettingsInput {
  @Field(() => Int, { description: "The `version` you read; if the tenant changed since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: "1–90 days." })
  invitationExpiryDays?: number | null;

  @Field(() => Int, { nullable: true, description: "3–50 people." })
  smallCellThreshold?: number | null;

  @Field(() => Int, { nullable: true, description: "12–240 months; null keeps members until they withdraw." })
  memberRetentionMonths?: number | null;

  @Field(() => FeeClaimAttester, { nullable: true })
  feeClaimAttester?: FeeClaimAttester | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether members' personal identity numbers are recorded. Turning it off stops new ones; numbers already recorded stay until erased.",
  })
  collectsPersonalIdentityNumbers?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether fees are paid to a bank account the member registers: the invitation then tells a first-timer without one to register it, and the payroll file carries the account.",
  })
  paysByBankAccount?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Hours before an intake appointment its reminder e-mail goes out, 1–168. Set null for the default: at the start of the day before (tenant time).",
  })
  intakeReminderHoursBefore?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether a unit may record, in its direct booking, a participant who is not in the pool (`addOutsidePoolParticipant`). " +
      "Turning it off stops new ones; those already recorded stay until removed.",
  })
  allowsParticipantsOutsidePool?: boolean | null;
}
