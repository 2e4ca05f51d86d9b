import DataLoader from "dataloader";
import type { Page } from "../common/pagination/connection.js";
import type { TenantScope } from "../context/tenant-scope.js";
import { type ReleasedContactsRead, readReleasedContacts } from "./contact-release.service.js";
import { type AssignmentBriefRow, findAssignmentBriefs, findWaitlisted } from "./invitation.repository.js";
import { type RequestInvitationsRead, readRequestInvitations } from "./invitation.service.js";
import type { Invitation, ReleasedContact } from "./invitation.type.js";

export function createInvitationLoaders(scope: TenantScope) {
  return {
    /** Each request's waiting list as invitation ids in queue order. */
    invitationWaitlistByRequestId: new DataLoader<string, string[]>(async (requestIds) => {
      const rows = await scope.transaction((tx) => findWaitlisted(tx, scope.tenantId, requestIds));
      const lists = new Map<string, string[]>(requestIds.map((id) => [id, []]));
      for (const row of rows) lists.get(row.requestId)?.push(row.id);
      return requestIds.map((id) => lists.get(id) ?? []);
    }),
    // Audited reads are never served from the cache: each read of a page writes its own events, as before batching.
    /** Each request's invitations for a coordinator, the page's requests in one transaction. */
    requestInvitations: new DataLoader<RequestInvitationsRead, Page<Invitation>>((reads) => readRequestInvitations(scope, reads), {
      cache: false,
    }),
    /** Each request's participants with their released contact details, the page's requests in one transaction. */
    releasedContacts: new DataLoader<ReleasedContactsRead, ReleasedContact[]>((reads) => readReleasedContacts(scope, reads), {
      cache: false,
    }),
    /** The assignment description members see, by request id. */
    assignmentBriefByRequestId: new DataLoader<string, AssignmentBriefRow | null>(async (requestIds) => {
      const rows = await scope.transaction((tx) => findAssignmentBriefs(tx, scope.tenantId, requestIds));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return requestIds.map((id) => byId.get(id) ?? null);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createInvitationLoaders> {}
}
