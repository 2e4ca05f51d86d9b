import { Field, ID, InputType } from "type-graphql";
import { AuditAction } from "./audit.type.js";

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
