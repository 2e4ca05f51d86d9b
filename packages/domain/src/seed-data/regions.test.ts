import { describe, expect, it } from "vitest";
import { parseIsoDateTime } from "../calendar/iso-date.js";
import { normaliseEmail } from "../contact-details/email-address.js";
import { validateFeeSchedule } from "../fees/fee-schedule-validation.js";
import { validateScheduleVersions } from "../fees/schedule-versions.js";
import { validateIntakeRules } from "../intake/intake-rules.js";
import { validateRequestForm } from "../request-form/request-form-validation.js";
import { NATIONAL_PRICE_BASE_AMOUNTS } from "./price-base-amounts.js";
import { kalmarSeed, REGION_SEEDS, vgrSeed } from "./regions.js";

describe("the seeded regions", () => {
  it("are the four tenants of the demo, each once", () => {
    expect(REGION_SEEDS.map((seed) => seed.tenant.slug)).toEqual(["jonkoping", "vgr", "kalmar", "ostergotland"]);
  });

  for (const seed of REGION_SEEDS) {
    describe(seed.tenant.slug, () => {
      it("has configuration that passes the admin validators", () => {
        expect(validateIntakeRules(seed.intakeRules)).toEqual([]);
        expect(validateRequestForm(seed.requestForm)).toEqual([]);
        expect(validateScheduleVersions(seed.feeSchedules)).toEqual([]);
        for (const version of seed.feeSchedules) expect(validateFeeSchedule(version)).toEqual([]);
      });

      it("has networks with unique keys and valid contact addresses", () => {
        const keys = seed.networks.map((network) => network.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const network of seed.networks) {
          if (network.contactEmail !== null) expect(normaliseEmail(network.contactEmail)).toBe(network.contactEmail);
          expect(network.description.sv).not.toBe("");
          expect(network.description.en).not.toBe("");
        }
      });

      it("names its sources", () => {
        expect(seed.sources.length).toBeGreaterThan(0);
      });
    });
  }

  it("schedules VGR's digital introduction sessions of about 1.5 h with Swedish offsets", () => {
    expect(vgrSeed.trainingSessions).toHaveLength(6);
    for (const session of vgrSeed.trainingSessions) {
      const start = parseIsoDateTime(session.startsAt);
      const end = parseIsoDateTime(session.endsAt);
      expect(start && end ? (end.getTime() - start.getTime()) / 60_000 : null).toBe(90);
      expect(session.format).toBe("DIGITAL");
    }
    expect(vgrSeed.trainingSessions[0]?.startsAt).toBe("2022-02-17T16:30:00+01:00");
  });

  it("gives Kalmar the region, the federation and the twelve municipalities", () => {
    expect(kalmarSeed.organisations.filter((o) => o.kind === "MUNICIPALITY")).toHaveLength(12);
    expect(kalmarSeed.organisations.map((o) => o.name)).toEqual(
      expect.arrayContaining(["Region Kalmar län", "Kommunförbundet Kalmar län", "Mörbylånga kommun"]),
    );
    expect(kalmarSeed.intakeRules.allowedMunicipalities).toHaveLength(12);
  });

  it("pays to a registered bank account where the routine asks first-timers to register one (Kalmar, seed 003)", () => {
    expect(REGION_SEEDS.filter((seed) => seed.paysByBankAccount).map((seed) => seed.tenant.slug)).toEqual(["kalmar"]);
  });

  it("lets the paying unit attest fee claims where its document says the unit pays", () => {
    expect(Object.fromEntries(REGION_SEEDS.map((seed) => [seed.tenant.slug, seed.feeClaimAttester]))).toEqual({
      jonkoping: "EITHER",
      vgr: "UNIT_REQUESTER",
      kalmar: "COORDINATOR",
      ostergotland: "COORDINATOR",
    });
  });

  it("keeps the price base amounts in year order without gaps", () => {
    const years = NATIONAL_PRICE_BASE_AMOUNTS.map((row) => row.year);
    expect(years).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });
});
