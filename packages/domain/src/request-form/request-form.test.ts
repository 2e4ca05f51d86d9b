import { describe, expect, it } from "vitest";
import { jonkopingRequestForm, kalmarRequestForm, ostergotlandRequestForm, REGION_SEEDS, vgrRequestForm } from "../seed-data/regions.js";
import type { RequestFormConfig, RequestInput } from "./request-form.js";
import { validateRequestForm } from "./request-form-validation.js";
import { validateRequestAgainstForm } from "./request-validation.js";

const completeRequest: RequestInput = {
  assignmentType: "WORKSHOP",
  title: "Workshop om vårdens väntrum",
  purpose: "Förbättra bemötandet i akutens väntrum.",
  expectations: "Dela erfarenheter av att vänta på akuten.",
  experienceSought: { tagKeys: ["emergency-care"], text: "Erfarenhet av akutsjukvård som patient eller närstående." },
  perspectivesSought: ["PATIENT", "RELATIVE"],
  numberOfPersons: 2,
  oneOffOrLong: "ONE_OFF",
  occasions: [{ startsAt: "2025-04-10T09:00:00+02:00", endsAt: "2025-04-10T12:00:00+02:00", place: "Ryhov, sal 3" }],
  audience: "Sjuksköterskor och läkare på akuten",
  audienceSize: 25,
  selectionProcess: "Ingen urvalsprocess.",
  specialRequirements: "",
  preparation: "Läs igenom underlaget, ca 30 min.",
  compensationOffered: "Arvode enligt regionala nivåer och reseersättning.",
  costCentre: "1234-567",
  contactPerson: { name: "Karin Lund", email: "karin.lund@rjl.se", phone: "036-32 40 00" },
};

const codes = (input: RequestInput, form: RequestFormConfig, options = {}) =>
  validateRequestAgainstForm(input, form, options).map((e) => [e.field, e.code]);

describe("the regions' request forms", () => {
  it("are valid configurations", () => {
    for (const seed of REGION_SEEDS) expect(validateRequestForm(seed.requestForm), seed.tenant.slug).toEqual([]);
  });

  it("accept a complete request", () => {
    expect(codes(completeRequest, jonkopingRequestForm)).toEqual([]);
    expect(codes({ ...completeRequest, assignmentType: "SEMINAR" }, vgrRequestForm)).toEqual([]);
    expect(codes({ ...completeRequest, assignmentType: "FOCUS_GROUP" }, kalmarRequestForm)).toEqual([]);
    expect(codes({ ...completeRequest, assignmentType: "WAITING_ROOM" }, ostergotlandRequestForm)).toEqual([]);
  });

  it("Jönköping asks for type, persons, experience, time and place, audience and size, purpose, expectations, cost centre", () => {
    expect(codes({}, jonkopingRequestForm)).toEqual([
      ["input.assignmentType", "REQUIRED"],
      ["input.title", "REQUIRED"],
      ["input.purpose", "REQUIRED"],
      ["input.expectations", "REQUIRED"],
      ["input.experienceSought", "REQUIRED"],
      ["input.numberOfPersons", "REQUIRED"],
      ["input.occasions", "TOO_FEW"],
      ["input.audience", "REQUIRED"],
      ["input.audienceSize", "REQUIRED"],
      ["input.costCentre", "REQUIRED"],
      ["input.contactPerson", "REQUIRED"],
    ]);
  });

  it("VGR asks about one-off or long, selection process, compensation and what the representative should add", () => {
    const missing = codes({}, vgrRequestForm).map(([field]) => field);
    expect(missing).toEqual(
      expect.arrayContaining([
        "input.contactPerson",
        "input.experienceSought",
        "input.oneOffOrLong",
        "input.selectionProcess",
        "input.compensationOffered",
        "input.expectations",
      ]),
    );
    expect(missing).not.toContain("input.costCentre");
    expect(missing).not.toContain("input.specialRequirements");
  });

  it("Kalmar asks for perspectives and whether the assignment is long (which needs a written agreement)", () => {
    const missing = codes({}, kalmarRequestForm).map(([field]) => field);
    expect(missing).toEqual(expect.arrayContaining(["input.perspectivesSought", "input.oneOffOrLong", "input.costCentre"]));
  });

  it("offers each region's own assignment types", () => {
    const keys = (form: RequestFormConfig) => form.assignmentTypes.map((type) => type.key);
    expect(keys(jonkopingRequestForm)).toEqual(expect.arrayContaining(["PROGRAMME_AREA", "CONFERENCE", "INTRODUCTION_TRAINING"]));
    expect(keys(kalmarRequestForm)).toEqual(expect.arrayContaining(["EVENT_ANALYSIS", "USER_AUDIT", "LEADERSHIP_STRATEGIC"]));
    expect(keys(ostergotlandRequestForm)).toEqual(["TEST_IDEA", "PATIENT_EDUCATION", "WORKSHOP", "STORY", "PATIENT_PANEL", "WAITING_ROOM"]);
    expect(codes({ ...completeRequest, assignmentType: "WAITING_ROOM" }, jonkopingRequestForm)).toEqual([
      ["input.assignmentType", "NOT_ALLOWED"],
    ]);
  });
});

describe("validateRequestAgainstForm: content of filled-in fields", () => {
  it("checks occasions", () => {
    const occasions = [
      { startsAt: "2025-04-10T12:00:00+02:00", endsAt: "2025-04-10T09:00:00+02:00", place: "Sal 3" },
      { startsAt: "2025-04-10T09:00:00", endsAt: "tomorrow", digitalLink: "http://meet.example.se/x" },
      { startsAt: "2025-04-11T09:00:00Z", endsAt: "2025-04-11T10:00:00Z", place: " " },
    ];
    const errors = validateRequestAgainstForm({ ...completeRequest, occasions }, jonkopingRequestForm);
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ["input.occasions[0].endsAt", "MUST_BE_AFTER"],
      ["input.occasions[1].startsAt", "INVALID_DATE"],
      ["input.occasions[1].endsAt", "INVALID_DATE"],
      ["input.occasions[1].digitalLink", "INVALID_FORMAT"],
      ["input.occasions[2].place", "REQUIRED"],
    ]);
    expect(errors[0]?.message).toEqual({
      sv: "Tillfälle 1: sluttid måste vara senare än starttiden.",
      en: "Occasion 1: end time must be later than the start time.",
    });
    expect(errors[4]?.message.sv).toBe("Tillfälle 3: plats eller digital länk måste fyllas i.");
  });

  it("accepts a digital occasion and refuses one in the past when told the time", () => {
    const digital = [
      { startsAt: "2025-04-10T09:00:00+02:00", endsAt: "2025-04-10T10:00:00+02:00", digitalLink: "https://teams.example.se/m/1" },
    ];
    expect(codes({ ...completeRequest, occasions: digital }, jonkopingRequestForm)).toEqual([]);
    expect(codes({ ...completeRequest, occasions: digital }, jonkopingRequestForm, { now: new Date("2025-05-01T00:00:00Z") })).toEqual([
      ["input.occasions[0].startsAt", "DATE_IN_PAST"],
    ]);
  });

  it("checks numbers, perspectives, experience tags and lengths", () => {
    expect(
      codes(
        {
          ...completeRequest,
          numberOfPersons: 0,
          audienceSize: 2.5,
          perspectivesSought: ["PATIENT", "PATIENT", "NURSE"],
          experienceSought: { tagKeys: ["emergency-care", "unknown"], text: "x".repeat(4001) },
          title: "x".repeat(201),
          oneOffOrLong: "SOMETIMES",
        },
        jonkopingRequestForm,
        { knownExperienceTagKeys: ["emergency-care"] },
      ),
    ).toEqual([
      ["input.title", "TOO_LONG"],
      ["input.experienceSought.tagKeys[1]", "UNKNOWN_REFERENCE"],
      ["input.experienceSought.text", "TOO_LONG"],
      ["input.perspectivesSought[1]", "DUPLICATE"],
      ["input.perspectivesSought[2]", "NOT_ALLOWED"],
      ["input.numberOfPersons", "OUT_OF_RANGE"],
      ["input.oneOffOrLong", "NOT_ALLOWED"],
      ["input.audienceSize", "OUT_OF_RANGE"],
    ]);
  });

  it("accepts experience described by tags alone or by text alone", () => {
    expect(codes({ ...completeRequest, experienceSought: { tagKeys: ["stroke"] } }, jonkopingRequestForm)).toEqual([]);
    expect(codes({ ...completeRequest, experienceSought: { text: "Stroke" } }, jonkopingRequestForm)).toEqual([]);
    expect(codes({ ...completeRequest, experienceSought: { tagKeys: [], text: " " } }, jonkopingRequestForm)).toEqual([
      ["input.experienceSought", "REQUIRED"],
    ]);
  });

  it("checks the contact person", () => {
    expect(codes({ ...completeRequest, contactPerson: { name: "Karin" } }, jonkopingRequestForm)).toEqual([
      ["input.contactPerson.email", "REQUIRED"],
    ]);
    expect(codes({ ...completeRequest, contactPerson: { name: "", email: "karin@", phone: "123" } }, jonkopingRequestForm)).toEqual([
      ["input.contactPerson.name", "REQUIRED"],
      ["input.contactPerson.email", "INVALID_EMAIL"],
      ["input.contactPerson.phone", "INVALID_PHONE"],
    ]);
  });

  it("checks fields the form does not ask for when they are filled in anyway", () => {
    expect(codes({ ...completeRequest, selectionProcess: "x".repeat(4001) }, ostergotlandRequestForm)).toEqual([
      ["input.selectionProcess", "TOO_LONG"],
    ]);
    expect(codes({ ...completeRequest, selectionProcess: null }, ostergotlandRequestForm)).toEqual([]);
  });

  it("uses the caller's path", () => {
    expect(validateRequestAgainstForm({}, jonkopingRequestForm, {}, "request")[0]?.field).toBe("request.assignmentType");
  });
});

describe("validateRequestForm", () => {
  const minimal: RequestFormConfig = {
    assignmentTypes: [{ key: "WORKSHOP", label: { sv: "Workshop", en: "Workshop" } }],
    fields: [
      { field: "assignmentType", required: true, help: { sv: "", en: "" } },
      { field: "title", required: true, help: { sv: "", en: "" } },
    ],
  };
  const formCodes = (config: RequestFormConfig) => validateRequestForm(config).map((e) => [e.field, e.code]);

  it("accepts a minimal form", () => {
    expect(formCodes(minimal)).toEqual([]);
  });

  it("checks assignment types", () => {
    expect(formCodes({ ...minimal, assignmentTypes: [] })).toEqual([["input.assignmentTypes", "TOO_FEW"]]);
    expect(
      formCodes({
        ...minimal,
        assignmentTypes: [
          { key: "WORKSHOP", label: { sv: "Workshop", en: "Workshop" } },
          { key: "WORKSHOP", label: { sv: "Workshop 2", en: "" } },
          { key: "patient panel", label: { sv: "Patientpanel", en: "Patient panel" } },
        ],
      }),
    ).toEqual([
      ["input.assignmentTypes[1].key", "DUPLICATE"],
      ["input.assignmentTypes[1].label.en", "REQUIRED"],
      ["input.assignmentTypes[2].key", "INVALID_FORMAT"],
    ]);
  });

  it("checks fields and their help texts", () => {
    const config = {
      ...minimal,
      fields: [
        ...minimal.fields,
        { field: "shoeSize", required: false, help: { sv: "", en: "" } },
        { field: "title", required: false, help: { sv: "", en: "" } },
        { field: "purpose", required: true, help: { sv: "Syfte", en: "" } },
      ],
    } as unknown as RequestFormConfig;
    expect(formCodes(config)).toEqual([
      ["input.fields[2].field", "NOT_ALLOWED"],
      ["input.fields[3].field", "DUPLICATE"],
      ["input.fields[4].help.en", "REQUIRED"],
    ]);
  });

  it("insists on a required assignment type and title", () => {
    const errors = validateRequestForm({ ...minimal, fields: [{ field: "title", required: false, help: { sv: "", en: "" } }] });
    expect(errors.map((e) => [e.field, e.code, e.message.sv])).toEqual([
      ["input.fields", "REQUIRED", "Typ av uppdrag måste fyllas i. Formuläret måste fråga efter det som ett obligatoriskt fält."],
      ["input.fields", "REQUIRED", "Rubrik måste fyllas i. Formuläret måste fråga efter det som ett obligatoriskt fält."],
    ]);
  });
});
