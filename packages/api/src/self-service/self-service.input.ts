import { Field, ID, InputType, Int } from "type-graphql";
import { Perspective } from "../member/member.type.js";

@InputType({
  description:
    "Corrections to your own profile. A field left out keeps its value; null clears an optional one. The corrected profile is checked with the registration's rules, and the change is kept in your revision history.",
})
export class UpdateMyProfileInput {
  @Field(() => Int, { description: "`Member.version` as you read it; if the profile changed since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: "E-mail or phone must remain." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Swedish or international format; stored as E.164." })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "ISO date, YYYY-MM-DD." })
  birthDate?: string | null;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;

  @Field(() => String, { nullable: true })
  municipality?: string | null;

  @Field(() => [Perspective], { nullable: true, description: "At least one must remain." })
  perspectives?: Perspective[] | null;

  @Field(() => [String], { nullable: true, description: "Keys of the tenant's experience taxonomy; replaces the list." })
  experienceTagKeys?: string[] | null;

  @Field(() => String, { nullable: true })
  experienceText?: string | null;

  @Field(() => [String], { nullable: true })
  competences?: string[] | null;

  @Field(() => [String], { nullable: true, description: "ISO 639-1 codes, e.g. `sv`, `en`, `ar`." })
  languages?: string[] | null;

  @Field(() => String, { nullable: true })
  accessibilityNeeds?: string | null;

  @Field(() => String, { nullable: true })
  availabilityNote?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Your personnummer or samordningsnummer (YYYYMMDD-NNNN): set or corrected; leave it out to keep it. Checked for format, date and check digit; stored encrypted and only ever shown masked. Signed in with a verified number (BankID, Freja eID), only that number is accepted.",
  })
  personalIdentityNumber?: string | null;

  @Field(() => String, { nullable: true })
  organisationRepresented?: string | null;
}

@InputType({ description: "A period you do not want to be asked. It may start today at the earliest." })
export class AddMyPauseInput {
  @Field(() => String, { description: "ISO date, the first day away." })
  startsOn!: string;

  @Field(() => String, { nullable: true, description: "ISO date, the last day away; leave out for until further notice." })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class RemoveMyPauseInput {
  @Field(() => ID)
  pauseId!: string;
}

@InputType({ description: "When you are usually available, in your own words; null or blank clears it." })
export class SetMyAvailabilityInput {
  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "Leave one network's pool. The membership and its history stay; you are no longer asked." })
export class WithdrawFromNetworkInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => String, { nullable: true, description: "Why, if you want to tell the coordinator." })
  reason?: string | null;
}
