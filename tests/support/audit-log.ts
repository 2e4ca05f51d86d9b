import type { TestApi } from "@medverkan/api/testing";
import { graphql } from "../generated/gql.js";
import type { AuditEventsPageQuery } from "../generated/graphql.js";

// The audit trail as a tenant administrator reads it: the `auditEvents` query (the whole tenant's log, oldest first).
// It shows every column a test used to read from the audit table (action, actor type, id and roles, purpose, subject,
// and the before and after of a change in `details`), so the configuration specs no longer open the database for it.
// The log has no filter by subject, so the helpers page through the tenant's log (it starts empty: the seed audits
// nothing) and pick the subject's events.

const AUDIT_EVENTS_PAGE = graphql(`query AuditEventsPage($after: String) {
  auditEvents(first: 100, after: $after, orderBy: { field: AT, direction: ASC }) {
    pageInfo { hasNextPage endCursor }
    nodes { id at action actorType actorId actorRole purpose subjectType subjectId memberId details } } }`);

export type AuditLogEvent = NonNullable<AuditEventsPageQuery["auditEvents"]>["nodes"][number];

async function auditLogPage(api: TestApi, adminToken: string, after: string | null) {
  const response = await api.graphql(AUDIT_EVENTS_PAGE, { token: adminToken, variables: { after } });
  const page = response.data?.auditEvents;
  if (!page) throw new Error(`the audit log is not readable with this token: ${JSON.stringify(response.errors)}`);
  return page;
}

/** The tenant's whole audit log as its administrator (`adminToken`) reads it, oldest first (ties by id). */
export async function auditLog(api: TestApi, adminToken: string): Promise<AuditLogEvent[]> {
  const events: AuditLogEvent[] = [];
  for (let after: string | null = null; ; ) {
    const page = await auditLogPage(api, adminToken, after);
    events.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return events;
    after = page.pageInfo.endCursor ?? null;
  }
}

/** The audit events about one subject (by id) in the administrator's tenant, oldest first. */
export async function auditEventsAbout(api: TestApi, adminToken: string, subjectId: string): Promise<AuditLogEvent[]> {
  return (await auditLog(api, adminToken)).filter((event) => event.subjectId === subjectId);
}

/**
 * How many audit events about these subject types the tenants of these administrators hold together: unchanged after
 * a refused change (pass every tenant a refused change could have been written to).
 */
export async function auditEventCount(api: TestApi, adminTokens: readonly string[], subjectTypes: readonly string[]): Promise<number> {
  let count = 0;
  for (const token of adminTokens) {
    count += (await auditLog(api, token)).filter((event) => subjectTypes.includes(event.subjectType)).length;
  }
  return count;
}
