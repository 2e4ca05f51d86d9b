import { AuditWriter } from "../audit/audit-writer.js";
import { forbidden } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { TenantScope } from "../context/tenant-scope.js";
import { representedOrganisationsForRelease } from "../representation/representation.service.js";
import type { RequestType } from "../request/request.type.js";
import { standingOn } from "../request/request-access.js";
import { findReleasedContacts, type ReleasedContactRow } from "./invitation.repository.js";
import type { ReleasedContact } from "./invitation.type.js";

/**
 * The participants' contact details for a request (SPEC §4.5; Kalmar's routine, seeds/003 step 2c–d): to the
 * requesting unit only those who accepted and consented to sharing them for this request, and only while that
 * consent stands. Who may read, and as what, is decided here per request; the read is batched with the page's other
 * requests (`readReleasedContacts`).
 */
export async function releasedContacts(ctx: RequestContext, request: RequestType): Promise<ReleasedContact[]> {
  const actor = requireTenantActor(ctx);
  const standing = standingOn(actor, request);
  // A member of staff who is both is treated as the unit: the stricter record.
  const toUnit = standing.unit;
  if (actor.tenantId !== request.tenantId || (!toUnit && !standing.coordinator)) throw forbidden(ctx.locale);
  return ctx.loaders(actor.tenantId).releasedContacts.load({ requestId: request.id, unitId: request.unitId, toUnit, audit: ctx.audit });
}

/** One read of one request's participants: for its unit (a disclosure) or a coordinator (a read), and by whom. */
export interface ReleasedContactsRead {
  requestId: string;
  unitId: string;
  toUnit: boolean;
  audit: AuditWriter;
}

/**
 * The participants of a batch of requests in one tenant transaction. Every read is an audit event in that same
 * transaction — DISCLOSE when the details reach the unit, READ when a coordinator looks — all in one insert, so a
 * failed audit write returns nothing.
 */
export function readReleasedContacts(scope: TenantScope, reads: readonly ReleasedContactsRead[]): Promise<ReleasedContact[][]> {
  const tenantId = scope.tenantId;
  return scope.transaction(async (tx) => {
    const rows = await findReleasedContacts(tx, tenantId, [...new Set(reads.map((read) => read.requestId))]);
    const byRequest = new Map<string, ReleasedContactRow[]>();
    for (const row of rows) if (row.assignment !== null) byRequest.set(row.requestId, [...(byRequest.get(row.requestId) ?? []), row]);
    const results = reads.map((read) => byRequest.get(read.requestId) ?? []);
    // The organisations a participant represents go with their released contact, and with it only.
    const representing = await representedOrganisationsForRelease(
      tx,
      tenantId,
      [...byRequest.values()].flat().map((row) => ({ requestId: row.requestId, memberId: row.memberId })),
    );
    await AuditWriter.recordMany(
      tx,
      tenantId,
      reads.flatMap((read, index) =>
        (results[index] ?? []).map((row) => ({
          writer: read.audit,
          entry: {
            action: read.toUnit ? ("DISCLOSE" as const) : ("READ" as const),
            subjectType: "Member",
            subjectId: row.memberId,
            memberId: row.memberId,
            purpose: read.toUnit ? "contact details released to the requesting unit" : "request participants",
            details: {
              requestId: read.requestId,
              unitId: read.unitId,
              invitationId: row.id,
              fields: (representing.get(`${row.requestId}:${row.memberId}`) ?? []).length
                ? ["name", "email", "phone", "representing"]
                : ["name", "email", "phone"],
            },
          },
        })),
      ),
    );
    return results.map((participants) =>
      participants.map((row) => ({
        assignmentId: row.assignment?.id as string,
        givenName: row.member.givenName,
        familyName: row.member.familyName,
        email: row.member.email,
        phone: row.member.phone,
        representing: representing.get(`${row.requestId}:${row.memberId}`) ?? [],
      })),
    );
  });
}
