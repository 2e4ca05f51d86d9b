import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";

export enum AuditAction {
  READ = "READ",
  WRITE = "WRITE",
  DISCLOSE = "DISCLOSE",
  EXPORT = "EXPORT",
  ERASE = "ERASE",
}
registerEnumType(AuditAction, {
  name: "AuditAction",
  description: "READ of personal data, WRITE (a change), DISCLOSE (contact details released to a unit), EXPORT, ERASE.",
});

export enum AuditActorType {
  STAFF = "STAFF",
  MEMBER = "MEMBER",
  PLATFORM_OPERATOR = "PLATFORM_OPERATOR",
  SYSTEM = "SYSTEM",
  ANONYMOUS = "ANONYMOUS",
}
registerEnumType(AuditActorType, { name: "AuditActorType", description: "SYSTEM: a scheduled job such as the retention run." });

@ObjectType({ description: "Who did what to whose data, when and why; written in the same transaction as the act." })
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => AuditActorType)
  actorType!: AuditActorType;

  @Field(() => ID, { nullable: true, description: "The staff user, member or operator id." })
  actorId!: string | null;

  @Field(() => String, { nullable: true, description: "The staff roles held at the time, comma separated." })
  actorRole!: string | null;

  @Field(() => ID, { nullable: true })
  actorUnitId!: string | null;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => String, { description: "The kind of object acted on, e.g. `Member`, `Network`." })
  subjectType!: string;

  @Field(() => String, { nullable: true })
  subjectId!: string | null;

  @Field(() => ID, { nullable: true, description: "The member whose data it was (an erased member's id points at no one)." })
  memberId!: string | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "For changes: the values before and after." })
  details!: Record<string, unknown> | null;
}

export const AuditEventConnection = Connection(AuditEvent, "AuditEvent");

@ObjectType({
  description:
    "One access to your data by someone else: when, what was done, in which role and unit, and why. Staff are named by role and unit, not by name; ask the region if you need to know who.",
})
export class DataAccessLogEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => AuditActorType)
  actorType!: AuditActorType;

  @Field(() => [String], { description: "The roles of the person who acted, e.g. COORDINATOR." })
  roles!: string[];

  @Field(() => String, { nullable: true, description: "The unit they work in, if any." })
  unitName!: string | null;

  @Field(() => String, { description: "What was accessed, e.g. `Member` (your profile)." })
  subjectType!: string;

  @Field(() => String, { nullable: true })
  purpose!: string | null;
}

export const DataAccessLogEntryConnection = Connection(DataAccessLogEntry, "DataAccessLogEntry");
