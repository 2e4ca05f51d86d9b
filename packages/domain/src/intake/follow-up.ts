import type { IntakeRules } from "./intake-rules.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a registration still waiting for its first contact has waited longer than the
 * network promises. Measured in elapsed 24-hour days; the hour a clock change adds or removes
 * does not matter at this scale. The caller asks only for memberships still REGISTERED.
 */
export function isOverdueForFollowUp(registeredAt: Date, now: Date, rules: Pick<IntakeRules, "followUpWithinDays">): boolean {
  if (rules.followUpWithinDays === null) return false;
  return now.getTime() - registeredAt.getTime() > rules.followUpWithinDays * DAY_MS;
}
