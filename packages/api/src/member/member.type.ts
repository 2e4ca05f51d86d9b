import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Network } from "../network/network.type.js";
import { Node } from "../node/node.type.js";

export enum Perspective {
  PATIENT = "PATIENT",
  RELATIVE = "RELATIVE",
  SERVICE_USER = "SERVICE_USER",
}
registerEnumType(Perspective, {
  name: "Perspective",
  description: "From where a member speaks: own illness, as a relative, as a user of services.",
});

export enum MembershipStatus {
  PENDING_GUARDIAN_CONSENT = "PENDING_GUARDIAN_CONSENT",
  REGISTERED = "REGISTERED",
  CONTACTED = "CONTACTED",
  INTRODUCTION_BOOKED = "INTRODUCTION_BOOKED",
  TRAINED = "TRAINED",
  ACTIVE = "ACTIVE",
  PAUSED = "PAUSED",
  WITHDRAWN = "WITHDRAWN",
  ERASED = "ERASED",
}
registerEnumType(MembershipStatus, { name: "MembershipStatus", description: "Where a membership is in the intake lifecycle." });

export enum AgeBand {
  AGE_UNDER_18 = "AGE_UNDER_18",
  AGE_18_29 = "AGE_18_29",
  AGE_30_49 = "AGE_30_49",
  AGE_50_64 = "AGE_50_64",
  AGE_65_79 = "AGE_65_79",
  AGE_80_PLUS = "AGE_80_PLUS",
}
registerEnumType(AgeBand, {
  name: "AgeBand",
  description: "Age groups wide enough not to single anyone out; a birth year alone counts as the youngest possible age.",
});

export enum RegistrationChannel {
  WEB = "WEB",
  POSTAL = "POSTAL",
  PHONE = "PHONE",
  DIRECT_RECRUITMENT = "DIRECT_RECRUITMENT",
}
registerEnumType(RegistrationChannel, { name: "RegistrationChannel" });

@ObjectType({ implements: Node, description: "A tag of the tenant's experience taxonomy." })
export class ExperienceTag {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  key!: string;

  @Field(() => String, { description: "The label in the request's language." })
  label!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  tenantId!: string;

  @Field(() => ExperienceTag, { nullable: true, description: "The broader tag this one belongs under." })
  parent?: ExperienceTag | null;
}

@ObjectType({ implements: Node, description: "A member's place in one network's pool." })
export class Membership {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  networkId!: string;

  @Field(() => MembershipStatus)
  status!: MembershipStatus;

  @Field(() => RegistrationChannel)
  channel!: RegistrationChannel;

  @Field(() => Date)
  registeredAt!: Date;

  @Field(() => Date)
  statusChangedAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the member attended the introduction training; null: not trained." })
  trainedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the member was last asked (invited) through this network; null: never." })
  lastInvitedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the member last took part in an assignment through this network; null: never." })
  lastAssignmentAt!: Date | null;

  @Field(() => Int, { description: "Changes with every change of the membership." })
  version!: number;

  @Field(() => Network, { nullable: true })
  network?: Network | null;
}

@ObjectType({ implements: Node, description: "A person with lived experience. Personal data: every read by staff is audited." })
export class Member {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "E.164, e.g. +46701234567." })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: "ISO date (YYYY-MM-DD)." })
  birthDate!: string | null;

  @Field(() => Int, { nullable: true })
  birthYear!: number | null;

  @Field(() => String, { nullable: true })
  municipality!: string | null;

  @Field(() => [Perspective])
  perspectives!: Perspective[];

  @Field(() => String, { nullable: true })
  experienceText!: string | null;

  @Field(() => [String])
  competences!: string[];

  @Field(() => [String])
  languages!: string[];

  @Field(() => String, { nullable: true })
  accessibilityNeeds!: string | null;

  @Field(() => String, { nullable: true })
  availabilityNote!: string | null;

  @Field(() => String, { nullable: true, description: "The patient or user organisation whose mandate the member carries." })
  organisationRepresented!: string | null;

  @Field(() => String, {
    name: "personalIdentityNumber",
    nullable: true,
    description:
      "The personal identity number (personnummer or samordningsnummer) masked, e.g. `19850312-****`; null when none is recorded. The full number is never returned: it is stored encrypted and read only by identity linking and the payroll export.",
  })
  personalIdentityNumberMasked!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Anställningsnummer in the region's payroll system, set by a coordinator or tenant admin.",
  })
  employeeNumber!: string | null;

  @Field(() => String, {
    name: "bankAccount",
    nullable: true,
    description:
      "The bank account fees are paid to, masked: the clearing number and the last four digits (`8327-9, ••••••1117`); null when none is registered. The full account is stored encrypted and goes only into the payroll file and the member's own data export.",
  })
  bankAccountMasked!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { description: "Changes with every change of the profile; send it back as `expectedVersion` when correcting it." })
  version!: number;

  @Field(() => AgeBand, { nullable: true, description: "Today's age band, from the birth date or year; null when neither is known." })
  ageBand?: AgeBand | null;

  @Field(() => [Membership])
  memberships?: Membership[];

  @Field(() => [ExperienceTag])
  experiences?: ExperienceTag[];
}

export const MemberConnection = Connection(Member, "Member");
