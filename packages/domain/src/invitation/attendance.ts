import type { FieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkInteger } from "../validation/checks.js";

// Attendance per participant and occasion: the facts a fee claim is computed from (Kalmar: "en blankett för varje
// individ och vid varje tillfälle som personen medverkar", seeds/003 step 4). Duration and travel time are in minutes.

export const ATTENDANCE_LIMITS = {
  /** A day: nobody takes part, or travels, for longer than that in one occasion. */
  maxDurationMinutes: 24 * 60,
  maxTravelMinutes: 24 * 60,
} as const;

const LABELS = {
  durationMinutes: { sv: "Tid i uppdraget (minuter)", en: "Time taken part (minutes)" },
  travelMinutes: { sv: "Restid (minuter)", en: "Travel time (minutes)" },
} as const satisfies Record<string, LocalizedText>;

export interface AttendanceInput {
  readonly attended: boolean;
  readonly durationMinutes?: number | null;
  readonly travelMinutes?: number | null;
}

export interface Attendance {
  readonly attended: boolean;
  readonly durationMinutes: number;
  readonly travelMinutes: number;
}

export type AttendanceResult =
  | { readonly ok: true; readonly value: Attendance }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Someone who took part did so for some time (> 0). Someone who did not come has no time and no travel to be paid
 * for, so both are stored as 0 whatever was sent — a claim can never be computed from a missed occasion.
 */
export function validateAttendance(input: AttendanceInput, path = "input"): AttendanceResult {
  if (!input.attended) return { ok: true, value: { attended: false, durationMinutes: 0, travelMinutes: 0 } };
  const errors: FieldError[] = [];
  const durationOk = checkInteger(errors, `${path}.durationMinutes`, LABELS.durationMinutes, input.durationMinutes, {
    min: 1,
    max: ATTENDANCE_LIMITS.maxDurationMinutes,
  });
  const travel = input.travelMinutes ?? 0;
  const travelOk = checkInteger(errors, `${path}.travelMinutes`, LABELS.travelMinutes, travel, {
    min: 0,
    max: ATTENDANCE_LIMITS.maxTravelMinutes,
  });
  if (!durationOk || !travelOk) return { ok: false, errors };
  return { ok: true, value: { attended: true, durationMinutes: input.durationMinutes as number, travelMinutes: travel } };
}

export type AssignmentAttendanceRefusal =
  /** The occasion belongs to another request (or does not exist). */
  | "OCCASION_NOT_IN_REQUEST"
  | "OCCASION_CANCELLED"
  /** Attendance is a fact about an occasion that has begun. */
  | "OCCASION_NOT_STARTED"
  /** The participant's place was cancelled. */
  | "ASSIGNMENT_CANCELLED";

export interface AssignmentAttendanceOccasion {
  readonly requestId: string;
  readonly startsAt: Date;
  readonly cancelledAt: Date | null;
}

/** Whether attendance can be recorded for this assignment at this occasion now; null when it can. */
export function assignmentAttendanceRefusal(
  assignment: { readonly requestId: string; readonly status: string },
  occasion: AssignmentAttendanceOccasion | null,
  now: Date,
): AssignmentAttendanceRefusal | null {
  if (!occasion || occasion.requestId !== assignment.requestId) return "OCCASION_NOT_IN_REQUEST";
  if (assignment.status === "CANCELLED") return "ASSIGNMENT_CANCELLED";
  if (occasion.cancelledAt) return "OCCASION_CANCELLED";
  if (occasion.startsAt.getTime() > now.getTime()) return "OCCASION_NOT_STARTED";
  return null;
}
