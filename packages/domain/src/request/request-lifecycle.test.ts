import { describe, expect, it } from "vitest";
import {
  canAddOccasions,
  canChangeOccasions,
  checkRequestAction,
  directBookingStatus,
  fillStatusAfterAcceptances,
  isCarriedOutRequestStatus,
  isRequestEditable,
  mayHaveHeldOccasions,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  type RequestFacts,
  type RequestStatus,
  requestPlacesLeft,
} from "./request-lifecycle.js";

const now = new Date("2026-05-10T12:00:00Z");
const facts = (status: RequestStatus, extra: Partial<RequestFacts> = {}): RequestFacts => ({
  status,
  acceptedCount: 1,
  lastOccasionEndsAt: new Date("2026-05-01T12:00:00Z"),
  reason: "Skäl",
  now,
  ...extra,
});

describe("request lifecycle", () => {
  it("walks the happy path submitted → matching → … → followed up", () => {
    expect(checkRequestAction("START_MATCHING", facts("SUBMITTED"))).toEqual({ ok: true, to: "MATCHING" });
    expect(fillStatusAfterAcceptances("MATCHING", 2, 1)).toBe("PARTLY_FILLED");
    expect(fillStatusAfterAcceptances("PARTLY_FILLED", 2, 2)).toBe("FILLED");
    expect(checkRequestAction("MARK_CARRIED_OUT", facts("FILLED"))).toEqual({ ok: true, to: "CARRIED_OUT" });
    expect(checkRequestAction("RECORD_FOLLOW_UP", facts("CARRIED_OUT", { reason: "Samtal med enheten." }))).toEqual({
      ok: true,
      to: "FOLLOWED_UP",
    });
  });

  it("allows exactly these moves", () => {
    const allowed: Record<string, RequestStatus[]> = {
      START_MATCHING: ["SUBMITTED"],
      DECLINE: ["SUBMITTED", "MATCHING"],
      CANCEL: ["SUBMITTED", "MATCHING", "PARTLY_FILLED", "FILLED"],
      MARK_CARRIED_OUT: ["PARTLY_FILLED", "FILLED"],
      RECORD_FOLLOW_UP: ["CARRIED_OUT"],
    };
    for (const action of REQUEST_ACTIONS) {
      for (const status of REQUEST_STATUSES) {
        const result = checkRequestAction(action, facts(status));
        expect(result.ok, `${action} from ${status}`).toBe(allowed[action]?.includes(status));
      }
    }
  });

  it("refuses an illegal move with a bilingual explanation naming the rule", () => {
    const result = checkRequestAction("MARK_CARRIED_OUT", facts("SUBMITTED"));
    expect(result).toEqual({
      ok: false,
      violation: {
        rule: "TRANSITION_NOT_ALLOWED",
        message: {
          sv: "En förfrågan kan inte gå från ”Inskickad” till ”Genomförd”; det går bara från ”Delvis tillsatt” eller ”Tillsatt”.",
          en: "A request cannot go from “Submitted” to “Carried out”; that is only possible from “Partly filled” or “Filled”.",
        },
      },
    });
  });

  it("says a closed request is closed, whatever is tried", () => {
    for (const status of ["FOLLOWED_UP", "DECLINED", "CANCELLED"] as const) {
      for (const action of REQUEST_ACTIONS) {
        const result = checkRequestAction(action, facts(status));
        expect(result.ok ? null : result.violation.rule).toBe("REQUEST_CLOSED");
      }
    }
  });

  it("needs a reason to decline or cancel and a note to follow up", () => {
    for (const reason of [null, "   "]) {
      const decline = checkRequestAction("DECLINE", facts("MATCHING", { reason }));
      const cancel = checkRequestAction("CANCEL", facts("FILLED", { reason }));
      const followUp = checkRequestAction("RECORD_FOLLOW_UP", facts("CARRIED_OUT", { reason }));
      expect(decline.ok ? null : decline.violation.rule).toBe("REASON_REQUIRED");
      expect(cancel.ok ? null : cancel.violation.rule).toBe("REASON_REQUIRED");
      expect(followUp.ok ? null : followUp.violation.rule).toBe("FOLLOW_UP_NOTE_REQUIRED");
    }
    expect(checkRequestAction("START_MATCHING", facts("SUBMITTED", { reason: null })).ok).toBe(true);
  });

  it("is carried out only with a participant and after the last occasion", () => {
    const nobody = checkRequestAction("MARK_CARRIED_OUT", facts("PARTLY_FILLED", { acceptedCount: 0 }));
    expect(nobody.ok ? null : nobody.violation.rule).toBe("NO_PARTICIPANTS");
    const early = checkRequestAction("MARK_CARRIED_OUT", facts("FILLED", { lastOccasionEndsAt: new Date("2026-05-10T12:00:01Z") }));
    expect(early.ok ? null : early.violation.rule).toBe("OCCASIONS_NOT_OVER");
    expect(checkRequestAction("MARK_CARRIED_OUT", facts("FILLED", { lastOccasionEndsAt: now })).ok).toBe(true);
    expect(checkRequestAction("MARK_CARRIED_OUT", facts("PARTLY_FILLED", { lastOccasionEndsAt: null })).ok).toBe(true);
  });

  it("is editable only before matching starts", () => {
    expect(REQUEST_STATUSES.filter(isRequestEditable)).toEqual(["SUBMITTED"]);
  });

  it("takes feedback, and counts a confirmed booking as carried out, only once the assignment has taken place", () => {
    expect(REQUEST_STATUSES.filter(isCarriedOutRequestStatus)).toEqual(["CARRIED_OUT", "FOLLOWED_UP"]);
  });

  it("changes occasions while live, adds them only before it is carried out, and reports them held only with participants", () => {
    expect(REQUEST_STATUSES.filter(canChangeOccasions)).toEqual(["SUBMITTED", "MATCHING", "PARTLY_FILLED", "FILLED", "CARRIED_OUT"]);
    expect(REQUEST_STATUSES.filter(canAddOccasions)).toEqual(["SUBMITTED", "MATCHING", "PARTLY_FILLED", "FILLED"]);
    expect(REQUEST_STATUSES.filter(mayHaveHeldOccasions)).toEqual(["PARTLY_FILLED", "FILLED", "CARRIED_OUT"]);
  });
});

describe("fillStatusAfterAcceptances", () => {
  it("derives the fill status from the number asked and the number accepted", () => {
    expect(fillStatusAfterAcceptances("MATCHING", 3, 0)).toBe("MATCHING");
    expect(fillStatusAfterAcceptances("MATCHING", 3, 1)).toBe("PARTLY_FILLED");
    expect(fillStatusAfterAcceptances("MATCHING", 3, 3)).toBe("FILLED");
    expect(fillStatusAfterAcceptances("MATCHING", 1, 1)).toBe("FILLED");
    // A withdrawal opens the request again.
    expect(fillStatusAfterAcceptances("FILLED", 3, 2)).toBe("PARTLY_FILLED");
    expect(fillStatusAfterAcceptances("PARTLY_FILLED", 3, 0)).toBe("MATCHING");
  });

  it("leaves requests outside the filling phase alone", () => {
    for (const status of ["SUBMITTED", "CARRIED_OUT", "FOLLOWED_UP", "DECLINED", "CANCELLED"] as const) {
      expect(fillStatusAfterAcceptances(status, 2, 2)).toBe(status);
      expect(fillStatusAfterAcceptances(status, 2, 0)).toBe(status);
    }
  });

  it("counts places left without ever going below zero", () => {
    expect(requestPlacesLeft(3, 1)).toBe(2);
    expect(requestPlacesLeft(2, 2)).toBe(0);
    expect(requestPlacesLeft(2, 5)).toBe(0);
  });
});

describe("direct bookings", () => {
  it("are carried out once the last occasion is over, otherwise filled", () => {
    expect(directBookingStatus(new Date("2026-05-09T00:00:00Z"), now)).toBe("CARRIED_OUT");
    expect(directBookingStatus(new Date("2026-05-11T00:00:00Z"), now)).toBe("FILLED");
    expect(directBookingStatus(null, now)).toBe("FILLED");
  });
});
