import { describe, expect, it } from "vitest";
import { type CommitmentOnErasure, commitmentsGivenUpOnErasure } from "./erasure.js";

const now = new Date("2026-12-07T10:00:00Z");
const later = new Date("2026-12-20T10:00:00Z");
const earlier = new Date("2026-12-01T10:00:00Z");

const invitation = (over: Partial<CommitmentOnErasure> & Pick<CommitmentOnErasure, "invitationId">): CommitmentOnErasure => ({
  requestId: "r1",
  status: "PENDING",
  expiresAt: later,
  assignment: null,
  occasionsAhead: true,
  ...over,
});

describe("commitmentsGivenUpOnErasure", () => {
  it("withdraws unanswered and waitlisted invitations and cancels places still ahead, each request settled once", () => {
    const result = commitmentsGivenUpOnErasure(
      [
        invitation({ invitationId: "pending" }),
        invitation({ invitationId: "waiting", status: "WAITLISTED", requestId: "r2" }),
        invitation({ invitationId: "place", status: "ACCEPTED", assignment: { id: "a1", status: "CONFIRMED" }, requestId: "r2" }),
      ],
      now,
    );
    expect(result).toEqual({ withdraw: ["pending", "waiting", "place"], cancelAssignments: ["a1"], requests: ["r1", "r2"] });
  });

  it("keeps history as it was: lapsed, answered no, expired, withdrawn, carried out, and places whose occasions are over", () => {
    const result = commitmentsGivenUpOnErasure(
      [
        invitation({ invitationId: "lapsed", expiresAt: earlier }),
        invitation({ invitationId: "declined", status: "DECLINED" }),
        invitation({ invitationId: "expired", status: "EXPIRED" }),
        invitation({ invitationId: "withdrawn", status: "WITHDRAWN" }),
        invitation({ invitationId: "done", status: "ACCEPTED", assignment: { id: "a2", status: "CARRIED_OUT" } }),
        invitation({ invitationId: "over", status: "ACCEPTED", assignment: { id: "a3", status: "CONFIRMED" }, occasionsAhead: false }),
        invitation({ invitationId: "cancelled", status: "ACCEPTED", assignment: { id: "a4", status: "CANCELLED" } }),
      ],
      now,
    );
    expect(result).toEqual({ withdraw: [], cancelAssignments: [], requests: [] });
  });
});
