import { describe, expect, it } from "vitest";
import { dataSubjectRequestDueAt, isDataSubjectRequestOverdue, validateDataSubjectRequestEntry } from "./data-subject-request.js";
import { anonymisedMemberFields, birthCohortYear } from "./erasure.js";
import { lastActivity, retentionCutoff, retentionDecision } from "./retention.js";

const at = (iso: string) => new Date(iso);

describe("data-subject request deadlines (art. 12(3): one month)", () => {
  it("is due the same day next month", () => {
    expect(dataSubjectRequestDueAt(at("2026-05-05T09:30:00Z")).toISOString()).toBe("2026-06-05T09:30:00.000Z");
    expect(dataSubjectRequestDueAt(at("2026-12-15T00:00:00Z")).toISOString()).toBe("2027-01-15T00:00:00.000Z");
  });

  it("falls on the last day of a shorter month", () => {
    expect(dataSubjectRequestDueAt(at("2026-01-31T12:00:00Z")).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(dataSubjectRequestDueAt(at("2028-01-30T12:00:00Z")).toISOString()).toBe("2028-02-29T12:00:00.000Z");
    expect(dataSubjectRequestDueAt(at("2026-03-31T12:00:00Z")).toISOString()).toBe("2026-04-30T12:00:00.000Z");
  });

  it("is overdue only while open and past its date", () => {
    const dueAt = at("2026-06-05T00:00:00Z");
    expect(isDataSubjectRequestOverdue({ dueAt, completedAt: null }, at("2026-06-06T00:00:00Z"))).toBe(true);
    expect(isDataSubjectRequestOverdue({ dueAt, completedAt: null }, at("2026-06-04T00:00:00Z"))).toBe(false);
    expect(isDataSubjectRequestOverdue({ dueAt, completedAt: at("2026-06-05T12:00:00Z") }, at("2026-07-01T00:00:00Z"))).toBe(false);
  });

  it("refuses a receipt date in the future or more than a year back, in both languages", () => {
    const now = at("2026-11-22T10:00:00Z");
    const future = validateDataSubjectRequestEntry({ receivedAt: at("2026-11-23T10:00:00Z") }, now);
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.errors[0]).toMatchObject({ field: "input.receivedAt", code: "DATE_IN_FUTURE" });
    const old = validateDataSubjectRequestEntry({ receivedAt: at("2025-11-01T10:00:00Z") }, now);
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.errors[0]?.message.sv).toContain("ett år");
    const fine = validateDataSubjectRequestEntry({ note: "  Brev  ", receivedAt: at("2026-11-20T08:00:00Z") }, now);
    expect(fine).toEqual({ ok: true, note: "Brev", receivedAt: at("2026-11-20T08:00:00Z") });
  });
});

describe("erasure", () => {
  it("keeps only the five-year cohort of the birth year", () => {
    expect(birthCohortYear(1968)).toBe(1965);
    expect(birthCohortYear(1965)).toBe(1965);
    expect(birthCohortYear(2009)).toBe(2005);
    expect(anonymisedMemberFields({ birthDate: "1968-05-17", birthYear: 1968 }).birthYear).toBe(1965);
    expect(anonymisedMemberFields({ birthDate: null, birthYear: 1972 }).birthYear).toBe(1970);
    expect(anonymisedMemberFields({ birthDate: null, birthYear: null }).birthYear).toBeNull();
  });

  it("clears every identifying field", () => {
    const fields = anonymisedMemberFields({ birthDate: "1990-01-01", birthYear: 1990 });
    expect(fields).toMatchObject({ subject: null, email: null, phone: null, birthDate: null, municipality: null, emailKey: null });
    expect(fields.givenName).toBe("");
    expect(fields.languages).toEqual([]);
    expect(Object.keys(fields)).not.toContain("perspectives");
  });
});

describe("retention", () => {
  const now = at("2026-11-22T10:00:00Z");
  const base = { erasedAt: null, otherActivity: [], unpaidFeeClaims: 0, upcomingAssignments: 0 };

  it("counts calendar months back", () => {
    expect(retentionCutoff(now, 24).toISOString()).toBe("2024-11-22T10:00:00.000Z");
    expect(retentionCutoff(at("2026-03-31T00:00:00Z"), 1).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(() => retentionCutoff(now, 0)).toThrow(RangeError);
  });

  it("anonymises only the inactive with nothing outstanding", () => {
    const cutoff = retentionCutoff(now, 24);
    const old = at("2023-01-01T00:00:00Z");
    expect(retentionDecision({ ...base, lastActiveAt: old }, cutoff)).toEqual({ eligible: true });
    expect(retentionDecision({ ...base, lastActiveAt: at("2025-01-01T00:00:00Z") }, cutoff)).toEqual({
      eligible: false,
      reason: "RECENTLY_ACTIVE",
    });
    expect(retentionDecision({ ...base, lastActiveAt: old, otherActivity: [null, at("2025-06-01T00:00:00Z")] }, cutoff).eligible).toBe(
      false,
    );
    expect(retentionDecision({ ...base, lastActiveAt: old, unpaidFeeClaims: 1 }, cutoff)).toEqual({
      eligible: false,
      reason: "UNPAID_FEE_CLAIMS",
    });
    expect(retentionDecision({ ...base, lastActiveAt: old, upcomingAssignments: 1 }, cutoff).eligible).toBe(false);
    expect(retentionDecision({ ...base, lastActiveAt: old, erasedAt: old }, cutoff)).toEqual({ eligible: false, reason: "ALREADY_ERASED" });
  });

  it("takes the latest activity", () => {
    expect(
      lastActivity({ lastActiveAt: at("2020-01-01T00:00:00Z"), otherActivity: [at("2021-01-01T00:00:00Z"), null] }).toISOString(),
    ).toBe("2021-01-01T00:00:00.000Z");
  });
});
