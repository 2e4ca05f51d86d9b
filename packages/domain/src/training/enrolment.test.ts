import { describe, expect, it } from "vitest";
import {
  attendanceRefusal,
  placeForNewcomer,
  placesLeft,
  promotionsFromWaitlist,
  trainedAtAfterAttendance,
  waitlistPosition,
} from "./enrolment.js";

const at = (iso: string) => new Date(iso);

describe("training enrolment rules", () => {
  it("gives a place while there is one, then the waiting list", () => {
    expect(placeForNewcomer(2, 0)).toBe("ENROLLED");
    expect(placeForNewcomer(2, 1)).toBe("ENROLLED");
    expect(placeForNewcomer(2, 2)).toBe("WAITLISTED");
    expect(placesLeft(2, 3)).toBe(0);
  });

  it("moves up as many as there are free places, in waiting-list order", () => {
    expect(promotionsFromWaitlist(3, 2, ["a", "b", "c"])).toEqual(["a"]);
    expect(promotionsFromWaitlist(5, 2, ["a", "b"])).toEqual(["a", "b"]);
    expect(promotionsFromWaitlist(2, 2, ["a"])).toEqual([]);
  });

  it("numbers the waiting list from 1", () => {
    expect(waitlistPosition("b", ["a", "b"])).toBe(2);
    expect(waitlistPosition("x", ["a", "b"])).toBeNull();
  });

  it("records attendance only for a session that has started and is not cancelled", () => {
    const session = { startsAt: at("2022-02-17T15:30:00Z"), cancelledAt: null };
    expect(attendanceRefusal(session, at("2022-02-17T15:00:00Z"))).toBe("SESSION_NOT_STARTED");
    expect(attendanceRefusal(session, at("2022-02-17T15:30:00Z"))).toBeNull();
    expect(attendanceRefusal({ ...session, cancelledAt: at("2022-02-01T00:00:00Z") }, at("2022-03-01T00:00:00Z"))).toBe(
      "SESSION_CANCELLED",
    );
  });

  describe("trainedAt", () => {
    const session = at("2022-04-11T14:30:00Z");
    const earlier = at("2022-02-17T15:30:00Z");

    it("is set by the first attended session and never moved", () => {
      expect(trainedAtAfterAttendance({ current: null, attended: true, sessionStartsAt: session, otherAttendedStarts: [] })).toEqual(
        session,
      );
      expect(trainedAtAfterAttendance({ current: earlier, attended: true, sessionStartsAt: session, otherAttendedStarts: [] })).toEqual(
        earlier,
      );
    });

    it("is taken back by a correction only when it came from this session", () => {
      expect(trainedAtAfterAttendance({ current: session, attended: false, sessionStartsAt: session, otherAttendedStarts: [] })).toBeNull();
      expect(
        trainedAtAfterAttendance({
          current: session,
          attended: false,
          sessionStartsAt: session,
          otherAttendedStarts: [at("2022-06-09T14:30:00Z"), earlier],
        }),
      ).toEqual(earlier);
      expect(trainedAtAfterAttendance({ current: earlier, attended: false, sessionStartsAt: session, otherAttendedStarts: [] })).toEqual(
        earlier,
      );
    });
  });
});
