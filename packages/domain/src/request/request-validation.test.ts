import { describe, expect, it } from "vitest";
import type { RequestFormConfig, RequestInput } from "../request-form/request-form.js";
import { jonkopingRequestForm, kalmarRequestForm, vgrRequestForm } from "../seed-data/regions.js";
import { isIdentifiedParticipant, validateDirectBookingParticipants } from "./direct-booking.js";
import { validateFeedback, validateReason } from "./feedback.js";
import { validateOccasion, validateOccasions } from "./occasion-validation.js";
import { validateRequestSubmission } from "./request-submission.js";

const now = new Date("2026-03-01T00:00:00Z");

const complete: RequestInput = {
  assignmentType: "WORKSHOP",
  title: "  Workshop   om väntrummet ",
  purpose: "Förbättra bemötandet.",
  expectations: "Dela erfarenheter.",
  experienceSought: { tagKeys: [], text: "Akutsjukvård" },
  perspectivesSought: ["PATIENT"],
  numberOfPersons: 2,
  oneOffOrLong: "ONE_OFF",
  occasions: [{ startsAt: "2026-04-10T09:00:00+02:00", endsAt: "2026-04-10T12:00:00+02:00", place: "Ryhov, sal 3" }],
  audience: "Sjuksköterskor",
  audienceSize: 25,
  selectionProcess: "Ingen.",
  specialRequirements: "",
  preparation: "30 min.",
  compensationOffered: "Arvode.",
  costCentre: "421300",
  contactPerson: { name: "Karin Lund", email: "Karin.Lund@RJL.se", phone: "036-32 40 00" },
};

const onlyType: RequestFormConfig = { assignmentTypes: [{ key: "WORKSHOP", label: { sv: "W", en: "W" } }], fields: [] };

describe("validateRequestSubmission", () => {
  it("accepts a complete request and returns the values as stored", () => {
    const result = validateRequestSubmission(complete, jonkopingRequestForm, { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe("Workshop om väntrummet");
    expect(result.value.occasions[0]?.startsAt.toISOString()).toBe("2026-04-10T07:00:00.000Z");
    expect(result.value.contactPerson).toEqual({ name: "Karin Lund", email: "karin.lund@rjl.se", phone: "+4636324000" });
    expect(result.value.specialRequirements).toBeNull();
    expect(result.value.costCentreCode).toBe("421300");
  });

  it("reports every field error at once, in form order, in Swedish and English", () => {
    const result = validateRequestSubmission(
      {
        ...complete,
        title: "",
        numberOfPersons: 0,
        occasions: [{ startsAt: "2026-04-10T12:00:00+02:00", endsAt: "2026-04-10T09:00:00+02:00" }],
      },
      jonkopingRequestForm,
      { now },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ["input.title", "REQUIRED"],
      ["input.numberOfPersons", "OUT_OF_RANGE"],
      ["input.occasions[0].endsAt", "MUST_BE_AFTER"],
      ["input.occasions[0].place", "REQUIRED"],
    ]);
    expect(result.errors[0]?.message).toEqual({ sv: "Rubrik måste fyllas i.", en: "Title is required." });
  });

  it("always asks for assignment type and title; anything else (purpose too) only when the form requires it", () => {
    const result = validateRequestSubmission({}, { ...onlyType }, { now });
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code])).toEqual([
      ["input.assignmentType", "REQUIRED"],
      ["input.title", "REQUIRED"],
    ]);
  });

  it("keeps the competences sought trimmed and once each; refuses too many, too long, and none where the form requires it", () => {
    const form: RequestFormConfig = { ...onlyType, fields: [{ field: "competencesSought", required: true, help: { sv: "", en: "" } }] };
    const base = { assignmentType: "WORKSHOP", title: "Panel" };
    const kept = validateRequestSubmission({ ...base, competencesSought: [" Föreläsare ", "föreläsare", "", "Tala inför grupp"] }, form, {
      now,
    });
    expect(kept.ok && kept.value.competencesSought).toEqual(["Föreläsare", "Tala inför grupp"]);
    const none = validateRequestSubmission({ ...base, competencesSought: ["  "] }, form, { now });
    expect(!none.ok && none.errors.map((error) => [error.field, error.code])).toEqual([["input.competencesSought", "TOO_FEW"]]);
    const many = validateRequestSubmission({ ...base, competencesSought: Array.from({ length: 11 }, (_, i) => `Kompetens ${i}`) }, form, {
      now,
    });
    expect(!many.ok && many.errors.map((error) => [error.field, error.code])).toEqual([["input.competencesSought", "TOO_MANY"]]);
    const long = validateRequestSubmission({ ...base, competencesSought: ["x".repeat(201)] }, form, { now });
    expect(!long.ok && long.errors[0]).toMatchObject({ field: "input.competencesSought[0]", code: "TOO_LONG" });
    expect(!long.ok && long.errors[0]?.message.sv).toContain("Kompetens 1");
  });

  it("defaults what the form does not ask for", () => {
    const result = validateRequestSubmission({ assignmentType: "WORKSHOP", title: "T", purpose: "P" }, onlyType, { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ numberOfPersons: 1, assignmentLength: "ONE_OFF", occasions: [], contactPerson: null });
  });

  it("follows each region's form: VGR and Kalmar require what their routines ask", () => {
    const empty = (form: RequestFormConfig) => {
      const result = validateRequestSubmission({}, form, { now });
      return result.ok ? [] : result.errors.map((e) => e.field);
    };
    expect(empty(vgrRequestForm)).toContain("input.contactPerson");
    expect(empty(kalmarRequestForm)).toContain("input.occasions");
  });
});

describe("validateOccasion", () => {
  it("accepts a future occasion with a place or a digital link", () => {
    expect(
      validateOccasion({ startsAt: "2026-04-10T09:00:00+02:00", endsAt: "2026-04-10T10:00:00+02:00", place: "Sal 1" }, { now }).ok,
    ).toBe(true);
    expect(
      validateOccasion(
        { startsAt: "2026-04-10T09:00:00+02:00", endsAt: "2026-04-10T10:00:00+02:00", digitalLink: "https://m.example.se/x" },
        { now },
      ).ok,
    ).toBe(true);
  });

  it("refuses end before start, no place or link, and a start in the past", () => {
    const result = validateOccasion({ startsAt: "2026-02-10T09:00:00+01:00", endsAt: "2026-02-10T08:00:00+01:00" }, { now });
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code])).toEqual([
      ["input.startsAt", "DATE_IN_PAST"],
      ["input.endsAt", "MUST_BE_AFTER"],
      ["input.place", "REQUIRED"],
    ]);
  });

  it("refuses a date it cannot read and a link that is not https", () => {
    const result = validateOccasion({ startsAt: "i morgon", endsAt: "2026-04-10T10:00:00+02:00", digitalLink: "http://x.se" }, { now });
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code])).toEqual([
      ["input.startsAt", "INVALID_DATE"],
      ["input.digitalLink", "INVALID_FORMAT"],
    ]);
  });

  it("accepts past occasions when recorded after the fact", () => {
    const result = validateOccasions([{ startsAt: "2026-02-10T09:00:00+01:00", endsAt: "2026-02-10T11:00:00+01:00", place: "Sal 1" }]);
    expect(result.ok).toBe(true);
    const none = validateOccasions([]);
    expect(none.ok ? [] : none.errors.map((e) => [e.field, e.code])).toEqual([["input.occasions", "TOO_FEW"]]);
  });
});

describe("feedback and reasons", () => {
  it("needs a rating from 1 to 5 from the unit and participants; the coordinator's is optional", () => {
    expect(validateFeedback({ rating: 5, comment: " Bra! " }, "UNIT")).toEqual({ ok: true, value: { rating: 5, comment: "Bra!" } });
    for (const rating of [0, 6, 2.5, null]) {
      const result = validateFeedback({ rating }, "PARTICIPANT");
      expect(result.ok ? null : result.errors[0]?.field).toBe("input.rating");
    }
    expect(validateFeedback({ comment: "Uppföljt." }, "COORDINATOR")).toEqual({ ok: true, value: { rating: null, comment: "Uppföljt." } });
    expect(validateFeedback({ rating: 9 }, "COORDINATOR").ok).toBe(false);
    const result = validateFeedback({ rating: 0 }, "UNIT");
    expect(result.ok ? null : result.errors[0]?.message).toEqual({
      sv: "Betyg måste vara mellan 1 och 5.",
      en: "Rating must be between 1 and 5.",
    });
  });

  it("limits the comment and the reason", () => {
    const long = validateFeedback({ rating: 3, comment: "x".repeat(4001) }, "UNIT");
    expect(long.ok ? null : long.errors[0]?.code).toBe("TOO_LONG");
    expect(validateReason("  Inget behov längre  ")).toEqual({ ok: true, value: "Inget behov längre" });
    expect(validateReason(null)).toEqual({ ok: true, value: null });
    const tooLong = validateReason("x".repeat(1001));
    expect(tooLong.ok).toBe(false);
  });
});

describe("direct-booking participants", () => {
  it("need a family name and an e-mail address or phone number", () => {
    const result = validateDirectBookingParticipants([{ familyName: "" }, { familyName: "Ek", email: "inte-en-adress" }]);
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code])).toEqual([
      ["input.participants[0].familyName", "REQUIRED"],
      ["input.participants[0].email", "REQUIRED"],
      ["input.participants[1].email", "INVALID_EMAIL"],
    ]);
    const none = validateDirectBookingParticipants([]);
    expect(none.ok ? null : none.errors[0]?.code).toBe("TOO_FEW");
    // Where the region records people from outside the pool, a booking may name no pool member.
    expect(validateDirectBookingParticipants([], "input.participants", true)).toEqual({ ok: true, value: [] });
  });

  it("refuse the same person twice", () => {
    const result = validateDirectBookingParticipants([
      { familyName: "Ek", email: "a@example.se" },
      { familyName: "Ek", email: "A@example.se" },
    ]);
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code])).toEqual([["input.participants[1]", "DUPLICATE"]]);
  });

  it("identify a pool member only when the name and every contact key given match", () => {
    const result = validateDirectBookingParticipants([{ familyName: "Öberg", email: "Asa@Example.se", phone: "070-123 45 67" }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const id = result.value[0];
    if (!id) throw new Error("no identification");
    const member = { familyName: "Oberg", emailKey: "asa@example.se", phoneKey: "+46701234567" };
    expect(isIdentifiedParticipant(id, member)).toBe(true);
    expect(isIdentifiedParticipant(id, { ...member, familyName: "Berg" })).toBe(false);
    expect(isIdentifiedParticipant(id, { ...member, phoneKey: "+46701111111" })).toBe(false);
    expect(isIdentifiedParticipant(id, { ...member, emailKey: null })).toBe(false);
  });
});
