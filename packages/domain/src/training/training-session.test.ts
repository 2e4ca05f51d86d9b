import { describe, expect, it } from "vitest";
import type { FieldError } from "../messages/field-error.js";
import { checkCapacityCoversEnrolled, validateTrainingSession } from "./training-session.js";

// VGR's published digital introduction: 2022-02-17 16:30–18:00 (seed 001).
const vgrIntroduction = {
  title: " Introduktionsutbildning  för patientföreträdare ",
  startsAt: new Date("2022-02-17T16:30:00+01:00"),
  endsAt: new Date("2022-02-17T18:00:00+01:00"),
  format: "DIGITAL",
  digitalLink: "https://moten.example.se/vgr/intro",
  place: "ignored for a digital session",
  capacity: 25,
};

const fields = (result: { ok: boolean; errors?: readonly FieldError[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => [e.field, e.code]);

describe("training session validation", () => {
  it("accepts VGR's digital introduction and normalises it", () => {
    expect(validateTrainingSession(vgrIntroduction)).toEqual({
      ok: true,
      value: {
        title: "Introduktionsutbildning för patientföreträdare",
        startsAt: vgrIntroduction.startsAt,
        endsAt: vgrIntroduction.endsAt,
        format: "DIGITAL",
        place: null,
        digitalLink: "https://moten.example.se/vgr/intro",
        capacity: 25,
      },
    });
  });

  it("accepts an in-person session with a place and drops the link", () => {
    const result = validateTrainingSession({ ...vgrIntroduction, format: "IN_PERSON", place: "Qulturum, Jönköping" });
    expect(result.ok && result.value).toMatchObject({ format: "IN_PERSON", place: "Qulturum, Jönköping", digitalLink: null });
  });

  it("reports every bad field at once, in Swedish and English", () => {
    const result = validateTrainingSession({
      title: "  ",
      startsAt: vgrIntroduction.endsAt,
      endsAt: vgrIntroduction.startsAt,
      format: "DIGITAL",
      digitalLink: null,
      capacity: 0,
    });
    expect(fields(result)).toEqual([
      ["input.title", "REQUIRED"],
      ["input.endsAt", "MUST_BE_AFTER"],
      ["input.capacity", "OUT_OF_RANGE"],
      ["input.digitalLink", "REQUIRED"],
    ]);
    const endsAt = result.ok ? undefined : result.errors.find((error) => error.field === "input.endsAt");
    expect(endsAt?.message).toEqual({ sv: "Sluttid måste vara senare än starttiden.", en: "End time must be later than the start time." });
  });

  it("treats an end equal to the start as not after it", () => {
    expect(fields(validateTrainingSession({ ...vgrIntroduction, endsAt: vgrIntroduction.startsAt }))).toEqual([
      ["input.endsAt", "MUST_BE_AFTER"],
    ]);
  });

  it("requires a place for an in-person session", () => {
    expect(fields(validateTrainingSession({ ...vgrIntroduction, format: "IN_PERSON", place: null }))).toEqual([
      ["input.place", "REQUIRED"],
    ]);
  });

  it("refuses links that are not web addresses", () => {
    expect(fields(validateTrainingSession({ ...vgrIntroduction, digitalLink: "javascript:alert(1)" }))).toEqual([
      ["input.digitalLink", "INVALID_FORMAT"],
    ]);
  });

  it("refuses unknown formats, missing or invalid times and non-integer capacities", () => {
    expect(
      fields(
        validateTrainingSession({ ...vgrIntroduction, format: "HYBRID", startsAt: null, endsAt: new Date("nonsense"), capacity: 2.5 }),
      ),
    ).toEqual([
      ["input.startsAt", "REQUIRED"],
      ["input.endsAt", "INVALID_DATE"],
      ["input.capacity", "OUT_OF_RANGE"],
      ["input.format", "NOT_ALLOWED"],
    ]);
  });

  it("does not let capacity drop below the places already taken", () => {
    const errors: FieldError[] = [];
    checkCapacityCoversEnrolled(errors, "input.capacity", 2, 3);
    checkCapacityCoversEnrolled(errors, "input.capacity", 3, 3);
    expect(errors.map((error) => [error.field, error.code])).toEqual([["input.capacity", "OUT_OF_RANGE"]]);
    expect(errors[0]?.message.sv).toContain("3 personer har redan plats");
  });
});
