import { describe, expect, it } from "vitest";
import { assignmentAttendanceRefusal, validateAttendance } from "./attendance.js";

const at = (iso: string) => new Date(iso);
const fields = (result: ReturnType<typeof validateAttendance>) => (result.ok ? [] : result.errors.map((e) => [e.field, e.code]));

describe("attendance figures", () => {
  it("accepts a participant who took part, with travel time (Kalmar's event analysis: 5 h, 40 min travel)", () => {
    expect(validateAttendance({ attended: true, durationMinutes: 300, travelMinutes: 40 })).toEqual({
      ok: true,
      value: { attended: true, durationMinutes: 300, travelMinutes: 40 },
    });
    expect(validateAttendance({ attended: true, durationMinutes: 90 })).toEqual({
      ok: true,
      value: { attended: true, durationMinutes: 90, travelMinutes: 0 },
    });
  });

  it("requires a duration above zero from someone who took part, and no negative travel", () => {
    expect(fields(validateAttendance({ attended: true, durationMinutes: 0, travelMinutes: 0 }))).toEqual([
      ["input.durationMinutes", "OUT_OF_RANGE"],
    ]);
    expect(fields(validateAttendance({ attended: true, durationMinutes: null }))).toEqual([["input.durationMinutes", "REQUIRED"]]);
    expect(fields(validateAttendance({ attended: true, durationMinutes: 60, travelMinutes: -5 }))).toEqual([
      ["input.travelMinutes", "OUT_OF_RANGE"],
    ]);
    expect(fields(validateAttendance({ attended: true, durationMinutes: 1.5, travelMinutes: 24 * 60 + 1 }))).toEqual([
      ["input.durationMinutes", "OUT_OF_RANGE"],
      ["input.travelMinutes", "OUT_OF_RANGE"],
    ]);
  });

  it("stores nothing to pay for someone who did not come", () => {
    expect(validateAttendance({ attended: false, durationMinutes: 120, travelMinutes: 30 })).toEqual({
      ok: true,
      value: { attended: false, durationMinutes: 0, travelMinutes: 0 },
    });
  });

  it("says field errors in Swedish and English", () => {
    const result = validateAttendance({ attended: true, durationMinutes: -1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]?.message.sv).toContain("Tid i uppdraget");
      expect(result.errors[0]?.message.en).toContain("Time taken part");
    }
  });
});

describe("when attendance can be recorded", () => {
  const assignment = { requestId: "r1", status: "CONFIRMED" };
  const occasion = { requestId: "r1", startsAt: at("2026-03-10T08:00:00Z"), cancelledAt: null };
  const now = at("2026-03-10T12:00:00Z");

  it("for an occasion of the request that has begun", () => {
    expect(assignmentAttendanceRefusal(assignment, occasion, now)).toBeNull();
    expect(assignmentAttendanceRefusal(assignment, occasion, at("2026-03-10T08:00:00Z"))).toBeNull();
  });

  it("not for another request's occasion, a cancelled or future one, or a cancelled place", () => {
    expect(assignmentAttendanceRefusal(assignment, { ...occasion, requestId: "r2" }, now)).toBe("OCCASION_NOT_IN_REQUEST");
    expect(assignmentAttendanceRefusal(assignment, null, now)).toBe("OCCASION_NOT_IN_REQUEST");
    expect(assignmentAttendanceRefusal(assignment, { ...occasion, cancelledAt: at("2026-03-01T00:00:00Z") }, now)).toBe(
      "OCCASION_CANCELLED",
    );
    expect(assignmentAttendanceRefusal(assignment, occasion, at("2026-03-10T07:59:00Z"))).toBe("OCCASION_NOT_STARTED");
    expect(assignmentAttendanceRefusal({ ...assignment, status: "CANCELLED" }, occasion, now)).toBe("ASSIGNMENT_CANCELLED");
  });
});
