import { describe, expect, it } from "vitest";
import { type IdentityReleaseFacts, unitMaySeeParticipant } from "./identity-release.js";

const released: IdentityReleaseFacts = {
  requestId: "r1",
  invitationStatus: "ACCEPTED",
  holdsPlace: true,
  consent: { kind: "CONTACT_SHARING", requestId: "r1", withdrawnAt: null },
  member: { erasedAt: null, restrictedAt: null },
};
const at = new Date("2026-01-01T00:00:00Z");

describe("when a unit may see who a participant is", () => {
  it("while the accepted member holds a place and their consent for this request stands", () => {
    expect(unitMaySeeParticipant(released)).toBe(true);
  });

  it.each<[string, Partial<IdentityReleaseFacts>]>([
    ["the consent is withdrawn", { consent: { kind: "CONTACT_SHARING", requestId: "r1", withdrawnAt: at } }],
    ["the consent was for another request", { consent: { kind: "CONTACT_SHARING", requestId: "r2", withdrawnAt: null } }],
    ["the consent is of another kind", { consent: { kind: "PROCESSING", requestId: "r1", withdrawnAt: null } }],
    ["there is no consent", { consent: null }],
    ["processing is restricted", { member: { erasedAt: null, restrictedAt: at } }],
    ["the member is erased", { member: { erasedAt: at, restrictedAt: null } }],
    ["the invitation is waitlisted", { invitationStatus: "WAITLISTED" }],
    ["the invitation was withdrawn", { invitationStatus: "WITHDRAWN" }],
    ["the acceptance holds no place", { holdsPlace: false }],
  ])("never when %s", (_case, change) => {
    expect(unitMaySeeParticipant({ ...released, ...change })).toBe(false);
  });
});
