import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { OrderByInput, type OrderByValue, SortDirection, type Sorting } from "../common/pagination/ordering.js";
import { AuditAction, type AuditEvent } from "./audit.type.js";

@InputType({ description: "Narrows the audit log; criteria combine with AND. `from` is inclusive, `to` exclusive." })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => AuditAction, { nullable: true })
  action?: AuditAction | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

export enum AuditEventOrderField {
  CREATED_AT = "CREATED_AT",
  AT = "AT",
}
registerEnumType(AuditEventOrderField, {
  name: "AuditEventOrderField",
  description: "CREATED_AT: the order events were written (by id); AT: the event's time.",
});

/** The audit log: oldest first by default (today's order). */
export const auditEventSorting: Sorting<AuditEventOrderField, AuditEvent> = {
  list: "auditEvents",
  fields: {
    CREATED_AT: { type: "uuid", key: (event) => event.id },
    AT: { type: "timestamptz", key: (event) => event.at },
  },
  default: { field: AuditEventOrderField.CREATED_AT, direction: SortDirection.ASC },
};

export const AuditEventOrderBy = OrderByInput("AuditEventOrderBy", AuditEventOrderField, auditEventSorting.default);
export type AuditEventOrderBy = OrderByValue<AuditEventOrderField>;
