import { describe, expect, it } from "vitest";
import {
  canWithdrawAcceptance,
  canWithdrawInvitation,
  effectiveInvitationStatus,
  hasLapsed,
  INVITATION_LIMITS,
  type InviteeFacts,
  invitationExpiresAt,
  inviteRefusal,
  isPausedOnAny,
  occasionDates,
  placementOnAcceptance,
  responseRefusal,
  validateInvitationInput,
  validateInvitationReason,
  waitlistedToPromote,
} from "./invitation.js";

const at = (iso: string) => new Date(iso);

const active: InviteeFacts = { membershipStatus: "ACTIVE", restricted: false, erased: false, pauses: [], previous: null };

describe("invitation expiry", () => {
  it("lapses the tenant's number of days after it was sent", () => {
    expect(invitationExpiresAt(at("2026-03-01T10:00:00Z"), 14)).toEqual(at("2026-03-15T10:00:00Z"));
    expect(invitationExpiresAt(at("2026-03-01T10:00:00Z"), 0)).toEqual(at("2026-03-02T10:00:00Z"));
    expect(invitationExpiresAt(at("2026-03-01T10:00:00Z"), 1000)).toEqual(
      new Date(at("2026-03-01T10:00:00Z").getTime() + INVITATION_LIMITS.maxExpiryDays * 86_400_000),
    );
  });

  it("only lapses an unanswered invitation, at the moment it expires", () => {
    const pending = { status: "PENDING" as const, expiresAt: at("2026-03-15T10:00:00Z") };
    expect(hasLapsed(pending, at("2026-03-15T09:59:59Z"))).toBe(false);
    expect(hasLapsed(pending, at("2026-03-15T10:00:00Z"))).toBe(true);
    expect(effectiveInvitationStatus(pending, at("2026-04-01T00:00:00Z"))).toBe("EXPIRED");
    expect(effectiveInvitationStatus({ ...pending, status: "ACCEPTED" }, at("2026-04-01T00:00:00Z"))).toBe("ACCEPTED");
    expect(effectiveInvitationStatus({ ...pending, status: "DECLINED" }, at("2026-04-01T00:00:00Z"))).toBe("DECLINED");
  });
});

describe("who may be invited", () => {
  const dates = ["2026-04-10", "2026-05-08"];

  it("invites an active member of the network without pause", () => {
    expect(inviteRefusal(active, dates)).toBeNull();
  });

  it("refuses people outside the pool, erased or restricted", () => {
    expect(inviteRefusal({ ...active, membershipStatus: null }, dates)).toBe("NOT_IN_POOL");
    expect(inviteRefusal({ ...active, erased: true }, dates)).toBe("NOT_IN_POOL");
    expect(inviteRefusal({ ...active, restricted: true }, dates)).toBe("RESTRICTED");
  });

  it("refuses people not active in the network", () => {
    for (const status of ["REGISTERED", "TRAINED", "PAUSED", "WITHDRAWN", "PENDING_GUARDIAN_CONSENT"] as const) {
      expect(inviteRefusal({ ...active, membershipStatus: status }, dates)).toBe("NOT_ACTIVE");
    }
  });

  it("refuses a pause on any occasion date, both ends inclusive, open-ended too", () => {
    expect(inviteRefusal({ ...active, pauses: [{ startsOn: "2026-05-08", endsOn: "2026-05-08" }] }, dates)).toBe("PAUSED");
    expect(inviteRefusal({ ...active, pauses: [{ startsOn: "2026-04-01", endsOn: "2026-04-10" }] }, dates)).toBe("PAUSED");
    expect(inviteRefusal({ ...active, pauses: [{ startsOn: "2026-05-01", endsOn: null }] }, dates)).toBe("PAUSED");
    expect(inviteRefusal({ ...active, pauses: [{ startsOn: "2026-04-11", endsOn: "2026-05-07" }] }, dates)).toBeNull();
    expect(isPausedOnAny([{ startsOn: "2026-01-01", endsOn: null }], [])).toBe(false);
  });

  it("never asks again someone who said no to the same request", () => {
    expect(inviteRefusal({ ...active, previous: { status: "DECLINED" } }, dates)).toBe("DECLINED_BEFORE");
    // Even when they are paused or no longer active: the "no" is what the coordinator needs to hear.
    expect(inviteRefusal({ ...active, membershipStatus: "PAUSED", previous: { status: "DECLINED" } }, dates)).toBe("DECLINED_BEFORE");
  });

  it("does not ask twice while a question or an acceptance is live, but may ask again after expiry or withdrawal", () => {
    for (const status of ["PENDING", "ACCEPTED", "WAITLISTED"] as const) {
      expect(inviteRefusal({ ...active, previous: { status } }, dates)).toBe("ALREADY_INVITED");
    }
    expect(inviteRefusal({ ...active, previous: { status: "EXPIRED" } }, dates)).toBeNull();
    expect(inviteRefusal({ ...active, previous: { status: "WITHDRAWN" } }, dates)).toBeNull();
  });

  it("takes the occasions' dates in the tenant's time zone, skipping cancelled ones", () => {
    const occasions = [
      // 00:30 in Stockholm on 10 April is still 9 April in UTC.
      { startsAt: at("2026-04-09T22:30:00Z"), endsAt: at("2026-04-09T23:30:00Z"), cancelledAt: null },
      { startsAt: at("2026-05-08T07:00:00Z"), endsAt: at("2026-05-08T10:00:00Z"), cancelledAt: at("2026-04-01T00:00:00Z") },
      { startsAt: at("2026-06-01T07:00:00Z"), endsAt: at("2026-06-01T09:00:00Z"), cancelledAt: null },
    ];
    expect(occasionDates(occasions, "Europe/Stockholm")).toEqual(["2026-04-10", "2026-06-01"]);
  });
});

describe("answering", () => {
  const pending = { status: "PENDING" as const, expiresAt: at("2026-03-15T10:00:00Z") };
  const now = at("2026-03-10T10:00:00Z");

  it("lets an open question be answered while the request is being filled", () => {
    for (const status of ["MATCHING", "PARTLY_FILLED", "FILLED"] as const) expect(responseRefusal(pending, status, now)).toBeNull();
  });

  it("refuses late, withdrawn and already answered invitations", () => {
    expect(responseRefusal(pending, "MATCHING", at("2026-03-15T10:00:00Z"))).toBe("EXPIRED");
    expect(responseRefusal({ ...pending, status: "EXPIRED" }, "MATCHING", now)).toBe("EXPIRED");
    expect(responseRefusal({ ...pending, status: "WITHDRAWN" }, "MATCHING", now)).toBe("WITHDRAWN");
    for (const status of ["ACCEPTED", "WAITLISTED", "DECLINED"] as const) {
      expect(responseRefusal({ ...pending, status }, "MATCHING", now)).toBe("ALREADY_ANSWERED");
    }
  });

  it("refuses answers to a request that is closed or done", () => {
    for (const status of ["CANCELLED", "DECLINED", "CARRIED_OUT", "FOLLOWED_UP", "SUBMITTED"] as const) {
      expect(responseRefusal(pending, status, now)).toBe("REQUEST_CLOSED");
    }
  });
});

describe("places and the waiting list", () => {
  it("gives a place while fewer than asked have one, then waitlists", () => {
    expect(placementOnAcceptance(2, 0)).toBe("ACCEPTED");
    expect(placementOnAcceptance(2, 1)).toBe("ACCEPTED");
    expect(placementOnAcceptance(2, 2)).toBe("WAITLISTED");
    expect(placementOnAcceptance(2, 5)).toBe("WAITLISTED");
  });

  it("never over-fills, whatever order six acceptances for two places arrive in", () => {
    let accepted = 0;
    const outcomes = Array.from({ length: 6 }, () => {
      const placement = placementOnAcceptance(2, accepted);
      if (placement === "ACCEPTED") accepted += 1;
      return placement;
    });
    expect(outcomes.filter((o) => o === "ACCEPTED")).toHaveLength(2);
    expect(outcomes.filter((o) => o === "WAITLISTED")).toHaveLength(4);
  });

  it("moves up as many as there are free places, first accepted first", () => {
    expect(waitlistedToPromote(2, 1, ["a", "b", "c"])).toEqual(["a"]);
    expect(waitlistedToPromote(3, 0, ["a", "b"])).toEqual(["a", "b"]);
    expect(waitlistedToPromote(2, 2, ["a"])).toEqual([]);
    expect(waitlistedToPromote(1, 3, ["a"])).toEqual([]);
  });

  it("lets a member withdraw only what they accepted, a coordinator only what holds no place", () => {
    expect(canWithdrawAcceptance("ACCEPTED")).toBe(true);
    expect(canWithdrawAcceptance("WAITLISTED")).toBe(true);
    expect(canWithdrawAcceptance("PENDING")).toBe(false);
    expect(canWithdrawInvitation("PENDING")).toBe(true);
    expect(canWithdrawInvitation("WAITLISTED")).toBe(true);
    expect(canWithdrawInvitation("ACCEPTED")).toBe(false);
    expect(canWithdrawInvitation("DECLINED")).toBe(false);
  });
});

describe("invitation input", () => {
  it("folds duplicate members and normalises the message", () => {
    expect(validateInvitationInput({ memberIds: ["a", "b", "a"], message: "  Hej!  \n\n\n\nVälkommen " })).toEqual({
      ok: true,
      memberIds: ["a", "b"],
      message: "Hej!\n\nVälkommen",
    });
  });

  it("needs at least one member and at most a shortlist, with a message of bounded length", () => {
    const result = validateInvitationInput({
      memberIds: [],
      message: "x".repeat(INVITATION_LIMITS.messageLength + 1),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => [e.field, e.code])).toEqual([
        ["input.memberIds", "TOO_FEW"],
        ["input.message", "TOO_LONG"],
      ]);
      expect(result.errors[0]?.message.sv).toContain("minst 1");
    }
    const many = validateInvitationInput({ memberIds: Array.from({ length: 51 }, (_, i) => `m${i}`) });
    expect(many.ok ? [] : many.errors.map((e) => e.code)).toEqual(["TOO_MANY"]);
  });

  it("keeps an optional reason, refusing an overlong one", () => {
    expect(validateInvitationReason("  Kan inte den dagen. ", "input.declineReason")).toEqual({ ok: true, reason: "Kan inte den dagen." });
    expect(validateInvitationReason(null, "input.declineReason")).toEqual({ ok: true, reason: null });
    const long = validateInvitationReason("x".repeat(1001), "input.declineReason");
    expect(long.ok ? [] : long.errors.map((e) => [e.field, e.code])).toEqual([["input.declineReason", "TOO_LONG"]]);
    const missing = validateInvitationReason(" ", "input.reason", true);
    expect(missing.ok ? [] : missing.errors.map((e) => e.code)).toEqual(["REQUIRED"]);
  });
});
