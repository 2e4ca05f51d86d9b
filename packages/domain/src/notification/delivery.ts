import type { FieldError } from "../messages/field-error.js";
import { fieldError } from "../messages/field-error.js";
import { NOTIFICATION_CATALOGUE, type NotificationKind } from "./kinds.js";

// Preference and retry rules of the outbox.

export type NotificationChannel = "EMAIL" | "NONE";

/**
 * Whether a message of this kind is written for a member with this stored preference. Legal notices are always
 * sent; kinds for guardians, coordinators and units follow no member's preference; e-mail is the default.
 */
export function shouldSend(kind: NotificationKind, preference: NotificationChannel | null): boolean {
  const definition = NOTIFICATION_CATALOGUE[kind];
  if (definition.legalNotice || definition.audience !== "MEMBER") return true;
  return preference !== "NONE";
}

/** The kinds a member may choose a channel for. */
export function memberChoosableKinds(): NotificationKind[] {
  return Object.values(NOTIFICATION_CATALOGUE)
    .filter((definition) => definition.audience === "MEMBER")
    .map((definition) => definition.kind);
}

/** Field errors for a member's choice; a legal notice cannot be turned off, a staff kind is not theirs to set. */
export function validatePreference(kind: NotificationKind, channel: NotificationChannel): FieldError[] {
  const definition = NOTIFICATION_CATALOGUE[kind];
  if (definition.audience !== "MEMBER") {
    return [fieldError("input.kind", "NOT_ALLOWED", { sv: "Meddelandetypen", en: "The kind of message" })];
  }
  if (definition.legalNotice && channel === "NONE") {
    return [
      fieldError(
        "input.channel",
        "NOT_ALLOWED",
        { sv: "Kanalen", en: "The channel" },
        {
          hint: {
            sv: "Det här är information som regionen är skyldig att ge dig och den kan inte stängas av.",
            en: "This is information the region must give you; it cannot be turned off.",
          },
        },
      ),
    ];
  }
  return [];
}

export interface OutboxRetryPolicy {
  /** Attempts in all, the first included; after the last failure the message is FAILED for an admin to see. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_OUTBOX_RETRY_POLICY: OutboxRetryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 6 * 60 * 60_000 };

/**
 * The wait before the next attempt after `attempts` failed ones: exponential, capped, with "equal jitter" (half fixed,
 * half random) so that a fleet of workers whose SMTP server came back does not retry in lockstep. `random` in [0, 1).
 * Null when the message has used its attempts.
 */
export function retryDelayMs(attempts: number, policy: OutboxRetryPolicy, random: number): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * Math.min(Math.max(random, 0), 1));
}
