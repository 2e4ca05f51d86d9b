import { describe, expect, it } from "vitest";
import { LOCALES } from "../messages/locale.js";
import { DEFAULT_TEMPLATES, effectiveTemplate } from "./default-templates.js";
import { DEFAULT_OUTBOX_RETRY_POLICY, memberChoosableKinds, retryDelayMs, shouldSend, validatePreference } from "./delivery.js";
import { NOTIFICATION_CATALOGUE, NOTIFICATION_KINDS } from "./kinds.js";
import { formatMessageDateTime, renderMessage, sampleData, validateTemplate } from "./render.js";

describe("notification catalogue and default templates", () => {
  it.each(NOTIFICATION_KINDS)("%s has valid Swedish and English defaults that render with sample data", (kind) => {
    for (const locale of LOCALES) {
      const template = DEFAULT_TEMPLATES[kind][locale];
      expect(validateTemplate(kind, template)).toEqual([]);
      const rendered = renderMessage(kind, template, sampleData(kind), { locale, signature: "Intressebanken" });
      expect(rendered.subject).not.toMatch(/\{\{|\n/u);
      expect(rendered.text).not.toMatch(/\{\{|\}\}/u);
      expect(rendered.text.endsWith("-- \nIntressebanken\n")).toBe(true);
    }
  });

  it("asks for a bank account in an invitation only when the sender says the member has none where the region pays to one", () => {
    for (const locale of LOCALES) {
      const template = DEFAULT_TEMPLATES.INVITATION[locale];
      const asked = renderMessage(
        "INVITATION",
        template,
        { ...sampleData("INVITATION"), bankAccountUrl: "/my#bank-account" },
        {
          locale,
          appBaseUrl: "https://medverkan.example.se",
        },
      );
      expect(asked.text).toContain("https://medverkan.example.se/my#bank-account");
      expect(asked.text).toMatch(locale === "sv" ? /anmäl det på Mina sidor/u : /registered one yet: please do so under My pages/u);
      const notAsked = renderMessage("INVITATION", template, { ...sampleData("INVITATION"), bankAccountUrl: null }, { locale });
      expect(notAsked.text).not.toMatch(/bankkonto|bank account/u);
    }
  });

  it("keeps personal data out of the coordinator's registration notice", () => {
    const variables = NOTIFICATION_CATALOGUE.REGISTRATION_QUEUED.variables.map((variable) => variable.name);
    expect(variables).toEqual(["receivedAt"]);
  });

  it("lets only the contact-release kind carry a member's details to a unit", () => {
    const unitKinds = NOTIFICATION_KINDS.filter((kind) => NOTIFICATION_CATALOGUE[kind].audience === "UNIT");
    expect(unitKinds).toEqual(["CONTACT_DETAILS_RELEASED"]);
    expect(NOTIFICATION_CATALOGUE.CONTACT_DETAILS_RELEASED.requiresContactConsent).toBe(true);
  });
});

describe("rendering", () => {
  it("formats dates in the tenant's time zone and the recipient's language", () => {
    expect(formatMessageDateTime("2022-02-17T15:30:00Z", "sv")).toBe("torsdag 17 februari 2022 kl. 16:30");
    expect(formatMessageDateTime("2022-02-17T15:30:00Z", "en")).toBe("Thursday 17 February 2022 at 16:30");
    expect(formatMessageDateTime("2026-07-01T06:00:00Z", "sv")).toBe("onsdag 1 juli 2026 kl. 08:00");
  });

  it("lists occasions and leaves out empty optional blocks", () => {
    const rendered = renderMessage(
      "ASSIGNMENT_DESCRIPTION",
      DEFAULT_TEMPLATES.ASSIGNMENT_DESCRIPTION.sv,
      {
        recipientName: "Anna",
        requestTitle: "Workshop",
        purpose: "Förbättra",
        unitName: "Vårdcentralen",
        unitContactName: "Karin",
        unitContactEmail: "karin@example.se",
        occasions: [{ startsAt: "2026-03-12T08:30:00Z", endsAt: "2026-03-12T11:30:00Z", place: "Sal 3" }],
      },
      { locale: "sv" },
    );
    expect(rendered.text).toContain("- torsdag 12 mars 2026 kl. 09:30–12:30, Sal 3\n");
    expect(rendered.text).not.toContain("Förberedelser");
    expect(rendered.text).toContain("Kontaktperson: Karin, karin@example.se\n");
  });

  it("keeps a subject on one line whatever a value contains, and inserts text without HTML escaping", () => {
    const rendered = renderMessage(
      "INVITATION",
      { subject: "{{requestTitle}}", body: "{{purpose}}" },
      { requestTitle: "Evil\r\nBcc: victim@example.se", purpose: "Barn & unga <3" },
      { locale: "en" },
    );
    expect(rendered.subject).toBe("Evil Bcc: victim@example.se");
    expect(rendered.text).toBe("Barn & unga <3\n");
  });

  it("makes stored link paths absolute against the front end's address", () => {
    const rendered = renderMessage(
      "FEEDBACK_REQUESTED",
      { subject: "x", body: "{{feedbackUrl}}" },
      { feedbackUrl: "/feedback/abc" },
      { locale: "sv", appBaseUrl: "https://medverkan.example.se/" },
    );
    expect(rendered.text).toBe("https://medverkan.example.se/feedback/abc\n");
  });

  it("refuses unknown variables, partials and broken sections, and names what is allowed", () => {
    const errors = validateTemplate("INVITATION", { subject: "{{memberEmail}}", body: "{{> header}} {{#purpose}}" });
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ["input.subject", "UNKNOWN_REFERENCE"],
      ["input.body", "INVALID_FORMAT"],
    ]);
    expect(errors[0]?.message.en).toContain("acceptUrl");
    expect(validateTemplate("INVITATION", { subject: "x", body: "{{> header}}" })[0]?.code).toBe("UNKNOWN_REFERENCE");
    expect(validateTemplate("INVITATION", { subject: "a\nb", body: "x" })[0]?.code).toBe("INVALID_FORMAT");
    expect(validateTemplate("INVITATION", { subject: " ", body: "" }).map((error) => error.code)).toEqual(["REQUIRED", "REQUIRED"]);
  });

  it("picks the network's wording over the tenant's over the default", () => {
    const network = { subject: "N", body: "n" };
    const tenant = { subject: "T", body: "t" };
    expect(effectiveTemplate("INVITATION", "sv", { network, tenant }).source).toBe("NETWORK");
    expect(effectiveTemplate("INVITATION", "sv", { tenant }).source).toBe("TENANT");
    expect(effectiveTemplate("INVITATION", "en", {})).toMatchObject({
      source: "DEFAULT",
      subject: DEFAULT_TEMPLATES.INVITATION.en.subject,
    });
  });
});

describe("preferences and retries", () => {
  it("always sends legal notices and staff kinds, and respects a member's NONE otherwise", () => {
    expect(shouldSend("ASSIGNMENT_DESCRIPTION", "NONE")).toBe(true);
    expect(shouldSend("REGISTRATION_QUEUED", "NONE")).toBe(true);
    expect(shouldSend("INVITATION", "NONE")).toBe(false);
    expect(shouldSend("INVITATION", null)).toBe(true);
  });

  it("refuses turning off a legal notice or choosing for a staff kind", () => {
    expect(validatePreference("REGISTRATION_RECEIVED", "NONE")[0]?.code).toBe("NOT_ALLOWED");
    expect(validatePreference("REGISTRATION_RECEIVED", "EMAIL")).toEqual([]);
    expect(validatePreference("CONTACT_DETAILS_RELEASED", "EMAIL")[0]?.field).toBe("input.kind");
    expect(memberChoosableKinds()).toContain("OCCASION_REMINDER");
    expect(memberChoosableKinds()).not.toContain("INVITATION_ANSWERED");
  });

  it("backs off exponentially with jitter, capped, and gives up after the last attempt", () => {
    const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(retryDelayMs(1, policy, 0)).toBe(500);
    expect(retryDelayMs(1, policy, 0.999_999)).toBe(1000);
    expect(retryDelayMs(3, policy, 0)).toBe(2000);
    expect(retryDelayMs(4, policy, 1)).toBe(5000);
    expect(retryDelayMs(5, policy, 0.5)).toBeNull();
    expect(retryDelayMs(1, DEFAULT_OUTBOX_RETRY_POLICY, 0.5)).toBeGreaterThan(0);
  });
});
