import { describe, expect, it } from "vitest";
import {
  type AppointmentTimeInput,
  addDaysToIsoDate,
  checkAppointmentAction,
  isReminderDue,
  reminderDueAt,
  startOfDayInTimeZone,
  validateAppointmentTime,
  validateReminderHoursBefore,
} from "./appointment.js";
import { compareFollowUpsNewestFirst, isFollowUpDue, validateFollowUp } from "./follow-up.js";

const ZONE = "Europe/Stockholm";
const now = new Date("2026-03-02T10:00:00Z");

describe("an intake appointment's lifecycle", () => {
  const booked = { status: "BOOKED" as const, startsAt: new Date("2026-03-05T09:00:00Z") };

  it("is rescheduled or cancelled while still to come, any number of times", () => {
    expect(checkAppointmentAction(booked, "RESCHEDULE", now)).toEqual({ ok: true, to: "RESCHEDULED" });
    expect(checkAppointmentAction({ ...booked, status: "RESCHEDULED" }, "RESCHEDULE", now)).toEqual({ ok: true, to: "RESCHEDULED" });
    expect(checkAppointmentAction(booked, "CANCELLED", now)).toEqual({ ok: true, to: "CANCELLED" });
  });

  it("is held or missed only once it has started", () => {
    const early = checkAppointmentAction(booked, "HELD", now);
    expect(early.ok).toBe(false);
    expect(!early.ok && early.code).toBe("NOT_YET_STARTED");
    expect(checkAppointmentAction(booked, "NO_SHOW", now).ok).toBe(false);
    const after = new Date("2026-03-05T09:00:00Z");
    expect(checkAppointmentAction(booked, "HELD", after)).toEqual({ ok: true, to: "HELD" });
    expect(checkAppointmentAction({ ...booked, status: "RESCHEDULED" }, "NO_SHOW", after)).toEqual({ ok: true, to: "NO_SHOW" });
  });

  it("is final once held, missed or cancelled, with a message in both languages", () => {
    for (const status of ["HELD", "NO_SHOW", "CANCELLED"] as const) {
      for (const action of ["RESCHEDULE", "HELD", "NO_SHOW", "CANCELLED"] as const) {
        const check = checkAppointmentAction({ ...booked, status }, action, new Date("2026-04-01T00:00:00Z"));
        expect(check.ok).toBe(false);
        expect(!check.ok && check.code).toBe("TRANSITION_NOT_ALLOWED");
      }
    }
    const check = checkAppointmentAction({ ...booked, status: "CANCELLED" }, "RESCHEDULE", now);
    expect(!check.ok && check.message).toEqual({
      sv: "Mötet är redan avbokad och kan inte ändras.",
      en: "The appointment is already cancelled and cannot be changed.",
    });
  });
});

describe("the time and place of a booking", () => {
  const valid: AppointmentTimeInput = {
    startsAt: new Date("2026-03-05T09:00:00Z"),
    endsAt: new Date("2026-03-05T10:00:00Z"),
    place: null,
    digitalLink: null,
  };

  it("accepts a future start with an optional end, place or https link", () => {
    expect(validateAppointmentTime(valid, now)).toEqual([]);
    expect(validateAppointmentTime({ ...valid, endsAt: null, place: "Regionhuset, Kalmar" }, now)).toEqual([]);
    expect(validateAppointmentTime({ ...valid, digitalLink: "https://meet.example.se/abc" }, now)).toEqual([]);
  });

  it("refuses a start in the past, an end before the start, an overlong meeting and a link that is not https", () => {
    const codes = (input: Partial<AppointmentTimeInput>) =>
      validateAppointmentTime({ ...valid, ...input }, now).map((error) => [error.field, error.code]);
    expect(codes({ startsAt: new Date("2026-03-01T09:00:00Z"), endsAt: null })).toEqual([["input.startsAt", "DATE_IN_PAST"]]);
    expect(codes({ endsAt: new Date("2026-03-05T08:00:00Z") })).toEqual([["input.endsAt", "MUST_BE_AFTER"]]);
    expect(codes({ endsAt: valid.startsAt })).toEqual([["input.endsAt", "MUST_BE_AFTER"]]);
    expect(codes({ endsAt: new Date("2026-03-05T22:00:00Z") })).toEqual([["input.endsAt", "OUT_OF_RANGE"]]);
    expect(codes({ digitalLink: "meet.example.se/abc" })).toEqual([["input.digitalLink", "INVALID_FORMAT"]]);
    expect(codes({ digitalLink: "http://meet.example.se/abc" })).toEqual([["input.digitalLink", "INVALID_FORMAT"]]);
    expect(codes({ place: "x".repeat(301) })).toEqual([["input.place", "TOO_LONG"]]);
    expect(codes({ startsAt: new Date(Number.NaN) })).toEqual([["input.startsAt", "INVALID_DATE"]]);
  });

  it("says what is wrong in Swedish and English", () => {
    const [error] = validateAppointmentTime({ ...valid, endsAt: new Date("2026-03-05T08:00:00Z") }, now);
    expect(error?.message).toEqual({
      sv: "Mötets sluttid måste vara senare än starttiden.",
      en: "The appointment's end must be later than the start time.",
    });
  });
});

describe("when the reminder is due", () => {
  it("is the start of the day before in the tenant's zone, or the configured hours before", () => {
    // Tuesday 2026-03-03 09:00 Swedish winter time (08:00Z) → Monday 00:00 local = Sunday 23:00Z.
    expect(reminderDueAt(new Date("2026-03-03T08:00:00Z"), null, ZONE).toISOString()).toBe("2026-03-01T23:00:00.000Z");
    // Summer time: 2026-06-10 09:00 local (07:00Z) → 2026-06-09 00:00 local = 2026-06-08 22:00Z.
    expect(reminderDueAt(new Date("2026-06-10T07:00:00Z"), null, ZONE).toISOString()).toBe("2026-06-08T22:00:00.000Z");
    // A meeting at 00:30 local belongs to its own day: the day before starts 24.5 hours earlier.
    expect(reminderDueAt(new Date("2026-03-03T23:30:00Z"), null, ZONE).toISOString()).toBe("2026-03-02T23:00:00.000Z");
    expect(reminderDueAt(new Date("2026-03-03T08:00:00Z"), 2, ZONE).toISOString()).toBe("2026-03-03T06:00:00.000Z");
  });

  it("across the change to summer time, counts local midnight", () => {
    // Summer time starts 2026-03-29 02:00 local. A meeting Monday 30 March 09:00 (07:00Z): day before starts
    // Sunday 29 March 00:00 local, still winter time (23:00Z on the 28th).
    expect(reminderDueAt(new Date("2026-03-30T07:00:00Z"), null, ZONE).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayInTimeZone("2026-03-30", ZONE).toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });

  const appointment = {
    status: "BOOKED" as const,
    startsAt: new Date("2026-03-03T08:00:00Z"),
    scheduledAt: new Date("2026-02-20T10:00:00Z"),
    remindedForStartsAt: null,
  };
  const monday = new Date("2026-03-02T07:00:00Z");

  it("is due once, from its time until the meeting starts", () => {
    expect(isReminderDue(appointment, new Date("2026-03-01T22:59:00Z"), null, ZONE)).toBe(false);
    expect(isReminderDue(appointment, monday, null, ZONE)).toBe(true);
    expect(isReminderDue(appointment, new Date("2026-03-03T08:00:00Z"), null, ZONE)).toBe(false);
    expect(isReminderDue({ ...appointment, remindedForStartsAt: appointment.startsAt }, monday, null, ZONE)).toBe(false);
  });

  it("is due again for a new time after a reschedule, but not for a cancelled, held or missed meeting", () => {
    const moved = { ...appointment, status: "RESCHEDULED" as const, remindedForStartsAt: new Date("2026-02-25T08:00:00Z") };
    expect(isReminderDue(moved, monday, null, ZONE)).toBe(true);
    for (const status of ["CANCELLED", "HELD", "NO_SHOW"] as const) {
      expect(isReminderDue({ ...appointment, status }, monday, null, ZONE)).toBe(false);
    }
  });

  it("is not sent when the time was set after it was due: the booking e-mail was the reminder", () => {
    expect(isReminderDue({ ...appointment, scheduledAt: new Date("2026-03-02T06:00:00Z") }, monday, null, ZONE)).toBe(false);
  });

  it("follows the tenant's hours when set", () => {
    expect(isReminderDue(appointment, monday, 2, ZONE)).toBe(false);
    expect(isReminderDue(appointment, new Date("2026-03-03T06:30:00Z"), 2, ZONE)).toBe(true);
  });

  it("accepts a setting of 1–168 whole hours, or none", () => {
    expect(validateReminderHoursBefore(null)).toEqual([]);
    expect(validateReminderHoursBefore(24)).toEqual([]);
    expect(validateReminderHoursBefore(0).map((error) => error.code)).toEqual(["OUT_OF_RANGE"]);
    expect(validateReminderHoursBefore(169).map((error) => error.code)).toEqual(["OUT_OF_RANGE"]);
    expect(validateReminderHoursBefore(1.5).map((error) => error.code)).toEqual(["OUT_OF_RANGE"]);
  });
});

describe("the follow-up log", () => {
  const today = "2026-03-02";

  it("accepts a contact today or earlier with a later next date", () => {
    expect(validateFollowUp({ contactedOn: today, nextFollowUpOn: "2026-04-02", note: "Ringde, mår bra." }, today)).toEqual([]);
    expect(validateFollowUp({ contactedOn: "2026-02-27", nextFollowUpOn: null, note: null }, today)).toEqual([]);
  });

  it("refuses a contact in the future, a next date not after it, a bad date and an overlong note", () => {
    const codes = (input: Parameters<typeof validateFollowUp>[0]) =>
      validateFollowUp(input, today).map((error) => [error.field, error.code]);
    expect(codes({ contactedOn: "2026-03-03", nextFollowUpOn: null, note: null })).toEqual([["input.contactedOn", "DATE_IN_FUTURE"]]);
    expect(codes({ contactedOn: today, nextFollowUpOn: today, note: null })).toEqual([["input.nextFollowUpOn", "MUST_BE_AFTER"]]);
    expect(codes({ contactedOn: "2026-02-30", nextFollowUpOn: "2026-13-01", note: null })).toEqual([
      ["input.contactedOn", "INVALID_DATE"],
      ["input.nextFollowUpOn", "INVALID_DATE"],
    ]);
    expect(codes({ contactedOn: today, nextFollowUpOn: null, note: "x".repeat(2001) })).toEqual([["input.note", "TOO_LONG"]]);
  });

  it("is due when the latest contact's next date has come, and only the latest counts", () => {
    expect(isFollowUpDue({ nextFollowUpOn: "2026-03-02" }, today)).toBe(true);
    expect(isFollowUpDue({ nextFollowUpOn: "2026-02-01" }, today)).toBe(true);
    expect(isFollowUpDue({ nextFollowUpOn: "2026-03-03" }, today)).toBe(false);
    expect(isFollowUpDue({ nextFollowUpOn: "2026-03-09" }, today, 7)).toBe(true);
    expect(isFollowUpDue({ nextFollowUpOn: null }, today)).toBe(false);
    expect(isFollowUpDue(null, today)).toBe(false);
    expect(isFollowUpDue({ nextFollowUpOn: "2026-02-01" }, today, 0, true)).toBe(false);
  });

  it("lists the newest contact first", () => {
    const a = { id: "a", contactedOn: "2026-02-01", recordedAt: new Date("2026-02-01T10:00:00Z") };
    const b = { id: "b", contactedOn: "2026-03-01", recordedAt: new Date("2026-03-01T10:00:00Z") };
    const c = { id: "c", contactedOn: "2026-03-01", recordedAt: new Date("2026-03-01T12:00:00Z") };
    expect([a, b, c].sort(compareFollowUpsNewestFirst).map((row) => row.id)).toEqual(["c", "b", "a"]);
  });

  it("moves calendar dates by whole days across months and years", () => {
    expect(addDaysToIsoDate("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDaysToIsoDate("2026-03-01", -1)).toBe("2026-02-28");
  });
});
