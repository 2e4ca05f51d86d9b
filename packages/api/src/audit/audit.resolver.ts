import { Arg, Args, Ctx, Query, Resolver } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { AuditEventFilter, AuditEventOrderBy } from "./audit.input.js";
import { listMyDataAccessLog, listTenantAuditEvents } from "./audit.service.js";
import { AuditEventConnection, DataAccessLogEntryConnection } from "./audit.type.js";

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description: "Tenant admins: the tenant's audit log. Coordinators: events about members of the networks you coordinate.",
  })
  auditEvents(
    @Arg("filter", () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Arg("orderBy", () => AuditEventOrderBy, { nullable: true }) orderBy: AuditEventOrderBy | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listTenantAuditEvents(ctx, filter, page, orderBy);
  }

  @Query(() => DataAccessLogEntryConnection, { description: "Members: who accessed your data, when, in which role and why." })
  myDataAccessLog(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listMyDataAccessLog(ctx, page);
  }
}
