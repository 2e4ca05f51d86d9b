import { describe, expect, it } from "vitest";
import { INBOX_VARIABLES, inboxAudience, inboxData, inboxSummary } from "./inbox.js";
import { NOTIFICATION_KINDS, variablesOf } from "./kinds.js";

describe("in-app inbox", () => {
  it("keeps no names, addresses, phone numbers, codes or free text written by people", () => {
    const personal = /name|email|phone|code|message|reason|url|purpose|expectations|preparation|occasions|link|place/i;
    for (const kind of NOTIFICATION_KINDS) {
      for (const name of INBOX_VARIABLES[kind]) {
        expect(name, `${kind}.${name}`).not.toMatch(personal);
        expect(
          variablesOf(kind).map((variable) => variable.name),
          `${kind}.${name} is one of the kind's variables`,
        ).toContain(name);
      }
    }
  });

  it("drops everything else from the event's data", () => {
    expect(
      inboxData("INVITATION_ANSWERED", { memberName: "Anna Andersson", requestTitle: "Panel", answer: "DECLINED", declineReason: "sjuk" }),
    ).toEqual({ requestTitle: "Panel", answer: "DECLINED" });
  });

  it("goes to the member, the network's coordinators or the unit's requesters; never to guardians or a claim code's reader", () => {
    expect(inboxAudience("INVITATION")).toBe("MEMBER");
    expect(inboxAudience("INVITATION_ANSWERED")).toBe("NETWORK_COORDINATORS");
    expect(inboxAudience("REGISTRATION_QUEUED")).toBe("NETWORK_COORDINATORS");
    expect(inboxAudience("CONTACT_DETAILS_RELEASED")).toBe("UNIT_REQUESTERS");
    expect(inboxAudience("GUARDIAN_CONSENT_NEEDED")).toBeNull();
    expect(inboxAudience("ACCOUNT_CLAIM_CODE")).toBeNull();
  });

  it("says what happened in Swedish and English, with Stockholm time", () => {
    const data = { requestTitle: "Patientpanel", expiresAt: "2026-03-01T10:00:00Z" };
    expect(inboxSummary("INVITATION", data, "sv")).toContain("”Patientpanel”");
    expect(inboxSummary("INVITATION", data, "sv")).toContain("11:00");
    expect(inboxSummary("INVITATION", data, "en")).toContain('"Patientpanel"');
    expect(inboxSummary("INVITATION_ANSWERED", { requestTitle: "Panel", answer: "ACCEPTED" }, "sv")).toContain("tackat ja");
    for (const kind of NOTIFICATION_KINDS) {
      expect(inboxSummary(kind, {}, "sv").length).toBeGreaterThan(0);
      expect(inboxSummary(kind, {}, "en").length).toBeGreaterThan(0);
    }
  });
});
