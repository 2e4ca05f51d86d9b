// The waiting list of a training session: first come, first served. Pure rules; the caller holds a lock on the session
// row while it applies them, so the counts it passes in are the truth at that moment.

export type EnrolmentStatus = "ENROLLED" | "WAITLISTED" | "CANCELLED";

export interface SessionTiming {
  readonly startsAt: Date;
  readonly cancelledAt: Date | null;
}

/** Places still free; never negative, even if capacity was lowered by hand in the database. */
export function placesLeft(capacity: number, enrolled: number): number {
  return Math.max(0, capacity - enrolled);
}

/** A newcomer gets a place while there is one; otherwise they join the end of the waiting list. */
export function placeForNewcomer(capacity: number, enrolled: number): Exclude<EnrolmentStatus, "CANCELLED"> {
  return placesLeft(capacity, enrolled) > 0 ? "ENROLLED" : "WAITLISTED";
}

/**
 * Who moves up from the waiting list when places free up (a cancellation, a larger capacity): as many as there are
 * free places, in waiting-list order. `waitlisted` must already be in that order (earliest enrolment first).
 */
export function promotionsFromWaitlist<T>(capacity: number, enrolled: number, waitlisted: readonly T[]): T[] {
  return waitlisted.slice(0, placesLeft(capacity, enrolled));
}

/** The 1-based place in the queue, or null for someone not waiting. */
export function waitlistPosition(id: string, waitlistedInOrder: readonly string[]): number | null {
  const index = waitlistedInOrder.indexOf(id);
  return index === -1 ? null : index + 1;
}

export const hasStarted = (session: SessionTiming, now: Date): boolean => session.startsAt.getTime() <= now.getTime();

/** Attendance is a fact about a session that took place: not before it starts, never for a cancelled one. */
export function attendanceRefusal(session: SessionTiming, now: Date): "SESSION_CANCELLED" | "SESSION_NOT_STARTED" | null {
  if (session.cancelledAt) return "SESSION_CANCELLED";
  if (!hasStarted(session, now)) return "SESSION_NOT_STARTED";
  return null;
}

/**
 * The `trainedAt` a membership should carry after an attendance is recorded. Attending sets it once (to the session's
 * start: the day the person was trained) and never moves an earlier date. Correcting to "did not attend" only takes
 * back a date that came from this very session, falling back to another session the member did attend in the network.
 * Status changes stay with the intake lifecycle, which reads this fact.
 */
export function trainedAtAfterAttendance(change: {
  readonly current: Date | null;
  readonly attended: boolean;
  readonly sessionStartsAt: Date;
  /** Starts of the member's other attended sessions in the same network. */
  readonly otherAttendedStarts: readonly Date[];
}): Date | null {
  const { current, attended, sessionStartsAt } = change;
  if (attended) return current ?? sessionStartsAt;
  if (current === null || current.getTime() !== sessionStartsAt.getTime()) return current;
  return change.otherAttendedStarts.reduce<Date | null>((min, at) => (min === null || at < min ? at : min), null);
}
