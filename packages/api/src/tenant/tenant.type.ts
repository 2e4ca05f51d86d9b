import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum ConsentKind {
  PROCESSING = "PROCESSING",
  CONTACT_SHARING = "CONTACT_SHARING",
  GUARDIAN = "GUARDIAN",
}
registerEnumType(ConsentKind, { name: "ConsentKind", description: "What a consent is for." });

export enum FeeClaimAttester {
  UNIT_REQUESTER = "UNIT_REQUESTER",
  COORDINATOR = "COORDINATOR",
  EITHER = "EITHER",
}
registerEnumType(FeeClaimAttester, {
  name: "FeeClaimAttester",
  description: "Who attests participants' fee claims: the paying unit's requesters, the network's coordinators, or either.",
});

@ObjectType({ description: "A region (or other organiser of participation) on the platform." })
export class Tenant {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Stable short name, e.g. `kalmar`." })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "BCP 47, e.g. `sv-SE`." })
  locale!: string;

  @Field(() => String, { description: "IANA time zone, e.g. `Europe/Stockholm`." })
  timeZone!: string;

  @Field(() => String, { description: "ISO 4217, e.g. `SEK`." })
  currency!: string;

  @Field(() => Boolean, {
    description: "Whether the region records personal identity numbers: a form asks for one only when true (otherwise it is refused).",
  })
  collectsPersonalIdentityNumbers!: boolean;

  @Field(() => Boolean, {
    description:
      "Whether fees are paid to a bank account the member registers (`setMyBankAccount`); a form shows the field only when true.",
  })
  paysByBankAccount!: boolean;

  @Field(() => Boolean, {
    description:
      "Whether a unit may record, in its direct booking, a participant who is not in the pool (`addOutsidePoolParticipant`; VGR: " +
      "recruits through patient and user organisations too); a form offers it only when true.",
  })
  allowsParticipantsOutsidePool!: boolean;
}

@ObjectType({ description: "The exact text a person is asked to consent to, by version." })
export class ConsentText {
  @Field(() => ConsentKind)
  kind!: ConsentKind;

  @Field(() => String, { description: "Send this back with the consent so the record names the text shown." })
  version!: string;

  @Field(() => String, { description: "The text in the request's language." })
  text!: string;

  @Field(() => String)
  textSv!: string;

  @Field(() => String)
  textEn!: string;

  @Field(() => Date)
  publishedAt!: Date;
}

@ObjectType({
  description:
    "The own tenant's settings, for its administrators. Not part of the public Tenant: retention and the statistics threshold are internal policy.",
})
export class TenantSettings {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: "Days a member has to answer an invitation; applies to invitations sent from now on." })
  invitationExpiryDays!: number;

  @Field(() => Int, { description: "Statistics cells with fewer people than this are suppressed (at least 3)." })
  smallCellThreshold!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Members inactive for longer are anonymised by the retention job; null keeps them until they withdraw.",
  })
  memberRetentionMonths!: number | null;

  @Field(() => FeeClaimAttester)
  feeClaimAttester!: FeeClaimAttester;

  @Field(() => Boolean, { description: "Whether members' personal identity numbers are recorded (off: none accepted or stored)." })
  collectsPersonalIdentityNumbers!: boolean;

  @Field(() => Boolean, {
    description: "Whether fees are paid to a bank account the member registers (Kalmar: first-timers register one).",
  })
  paysByBankAccount!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Hours before an intake appointment its reminder goes out; null: at the start of the day before (tenant time).",
  })
  intakeReminderHoursBefore!: number | null;

  @Field(() => Boolean, {
    description:
      "Whether a unit may record a direct-booking participant who is not in the pool (VGR: through patient and user organisations).",
  })
  allowsParticipantsOutsidePool!: boolean;

  @Field(() => Int, {
    description: "Send it back as `expectedVersion`. Shared with the tenant's sender settings: both change the tenant's version.",
  })
  version!: number;
}
