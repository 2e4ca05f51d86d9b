import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import { comparePersonalIdentityNumber, writePersonalIdentityNumber } from "./personal-identity-number.repository.js";

/**
 * Records a member's personal identity number (encrypted, indexed, masked) and audits that it was set or changed —
 * never the number itself, in the audit or anywhere else. The caller has checked it (domain rule) and that no other
 * member of the tenant has it, under `lockPersonalIdentityNumber`. Returns false when it was already this number.
 */
export async function recordPersonalIdentityNumber(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  memberId: string,
  twelveDigits: string,
  purpose: string,
): Promise<boolean> {
  const before = await comparePersonalIdentityNumber(tx, tenantId, memberId, twelveDigits);
  if (before === "SAME") return false;
  await writePersonalIdentityNumber(tx, tenantId, memberId, twelveDigits);
  await ctx.audit.record(tx, tenantId, {
    action: "WRITE",
    subjectType: "Member",
    subjectId: memberId,
    memberId,
    purpose: before === "NONE" ? `personal identity number set (${purpose})` : `personal identity number changed (${purpose})`,
    details: { field: "personalIdentityNumber", change: before === "NONE" ? "SET" : "CHANGED" },
  });
  return true;
}
