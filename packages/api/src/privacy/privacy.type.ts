import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { RegistrationChannel } from "../member/member.type.js";

export enum DataSubjectRequestKind {
  ACCESS = "ACCESS",
  RECTIFICATION = "RECTIFICATION",
  RESTRICTION = "RESTRICTION",
  ERASURE = "ERASURE",
  OBJECTION = "OBJECTION",
  PORTABILITY = "PORTABILITY",
}
registerEnumType(DataSubjectRequestKind, {
  name: "DataSubjectRequestKind",
  description: "Which right a person exercises (GDPR art. 15–21).",
});

@ObjectType({
  description: "A person's request under GDPR art. 15–21, tracked against the deadline of art. 12(3): one calendar month from receipt.",
})
export class DataSubjectRequest {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => ID, { nullable: true, description: "The member it concerns (an erased member's id points at no one)." })
  memberId!: string | null;

  @Field(() => DataSubjectRequestKind)
  kind!: DataSubjectRequestKind;

  @Field(() => RegistrationChannel, { description: "How it arrived: WEB (the person's own account), POSTAL (letter) or PHONE." })
  channel!: RegistrationChannel;

  @Field(() => Date)
  receivedAt!: Date;

  @Field(() => Date, { description: "The legal deadline: one calendar month after receipt." })
  dueAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Boolean, { description: "Still open and past its deadline." })
  overdue!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

export const DataSubjectRequestConnection = Connection(DataSubjectRequest, "DataSubjectRequest");

@ObjectType({ description: "Everything held about a person, machine readable (GDPR art. 15 and 20)." })
export class DataExport {
  @Field(() => String, { description: "Identifies the layout of `data`: `medverkan.member-export/1`." })
  format!: string;

  @Field(() => Date)
  generatedAt!: Date;

  @Field(() => GraphQLJSONObject, {
    description:
      "The person's data: profile, experiences, pauses, memberships with their history, consents, guardians, corrections, training, invitations, assignments with attendance, fee claims, feedback given, notifications, data-subject requests and who accessed the data.",
  })
  data!: Record<string, unknown>;
}

@ObjectType({ description: "Whether a member's data may be used (restriction, art. 18) or is gone (erasure, art. 17)." })
export class MemberPrivacyStatus {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Date, { nullable: true, description: "Set while processing is restricted: the data is kept, every other use refused." })
  restrictedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  erasedAt!: Date | null;
}
