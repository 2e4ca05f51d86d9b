// Retention (GDPR art. 5(1)(e), storage limitation): a tenant may set how long a member may stay inactive before
// they are anonymised. Activity is the latest of anything that shows the person is still part of the pool: their own
// last sign-in or change (Member.lastActiveAt), a status change of a membership, an invitation, an assignment.
// Someone is never anonymised while something is still owed to or by them: a fee claim not yet paid (payroll needs
// the person) or an assignment still to be carried out.

export interface RetentionFacts {
  readonly erasedAt: Date | null;
  readonly lastActiveAt: Date;
  /** Membership status changes, invitation and assignment dates; nulls are ignored. */
  readonly otherActivity: readonly (Date | null)[];
  readonly unpaidFeeClaims: number;
  readonly upcomingAssignments: number;
}

/** The instant before which a member counts as inactive: `months` calendar months before `now` (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 1) throw new RangeError("The retention period is a whole number of months, at least 1.");
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

export function lastActivity(facts: Pick<RetentionFacts, "lastActiveAt" | "otherActivity">): Date {
  let latest = facts.lastActiveAt.getTime();
  for (const date of facts.otherActivity) if (date && date.getTime() > latest) latest = date.getTime();
  return new Date(latest);
}

export type RetentionDecision =
  | { readonly eligible: true }
  | { readonly eligible: false; readonly reason: "ALREADY_ERASED" | "RECENTLY_ACTIVE" | "UNPAID_FEE_CLAIMS" | "UPCOMING_ASSIGNMENTS" };

export function retentionDecision(facts: RetentionFacts, cutoff: Date): RetentionDecision {
  if (facts.erasedAt) return { eligible: false, reason: "ALREADY_ERASED" };
  if (lastActivity(facts).getTime() >= cutoff.getTime()) return { eligible: false, reason: "RECENTLY_ACTIVE" };
  if (facts.unpaidFeeClaims > 0) return { eligible: false, reason: "UNPAID_FEE_CLAIMS" };
  if (facts.upcomingAssignments > 0) return { eligible: false, reason: "UPCOMING_ASSIGNMENTS" };
  return { eligible: true };
}
