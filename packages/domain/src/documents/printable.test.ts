import { describe, expect, it } from "vitest";
import { agreementDocument, type FeeFormClaim, feeForm, payrollSummaryDocument } from "./printable.js";

const claim: FeeFormClaim = {
  claimId: "c1",
  status: "SUBMITTED",
  tenantName: "Region Jönköpings län",
  networkName: "Levande bibliotek",
  unitName: "Vårdcentralen Öxnehaga",
  requestTitle: "Patientperspektiv",
  participantName: "Åsa Öberg",
  occasionDate: "2024-05-14",
  occasionTime: "09:00–13:30",
  place: null,
  durationMinutes: 240,
  travelMinutes: 30,
  countedMinutes: 270,
  preparationMinutes: 0,
  category: "FULL_DAY",
  hourly: false,
  mileageKm: 42,
  feeOre: 206_300,
  preparationOre: 0,
  mileageOre: 10_500,
  expenses: [{ description: "Parkering", amountOre: 6_000 }],
  expensesOre: 6_000,
  grossOre: 206_300,
  withholdingOre: 61_900,
  netOre: 206_300 - 61_900 + 10_500 + 6_000,
  payoutMethod: "SALARY",
  costCentreCode: "RJL-4410",
  payerName: null,
  submittedAt: "2024-05-15",
  attestedAt: null,
  attester: "EITHER",
};

const rows = (document: ReturnType<typeof feeForm>) =>
  document.sections.flatMap((section) => section.rows.map((row) => `${row.label}: ${row.value}`));

describe("the fee form", () => {
  it("is Jönköping's 'Reseräkning utan traktamente' where the unit fills it in, with the claim's own figures", () => {
    const form = feeForm(claim, "sv");
    expect(form.title).toBe("Reseräkning utan traktamente – arvode");
    expect(rows(form)).toEqual(
      expect.arrayContaining([
        "Namn: Åsa Öberg",
        "Ansvarskod: RJL-4410",
        "Räknad tid: 4 h 30 min",
        "Kategori: Heldag",
        "Arvode: 2 063 kr",
        "Skatteavdrag: -619 kr",
        "Milersättning (42 km): 105 kr",
        "Utlägg: Parkering: 60 kr",
        "Att betala ut: 1 609 kr",
        "Betalas av: Region Jönköpings län",
      ]),
    );
    expect(form.signatures.map((signature) => signature.label)).toEqual([
      "Den medverkandes underskrift",
      "Verksamhetens attest (ansvarig chef)",
    ]);
    expect(form.signatures[0]?.signedAt).toBe("bekräftat 2024-05-15");
    expect(form.signatures[1]?.signedAt).toBeNull();
  });

  it("is Kalmar's 'Arvodesblankett' where the development leader attests; a fee is not taxed, a hidden name stays hidden", () => {
    const form = feeForm({ ...claim, attester: "COORDINATOR", payoutMethod: "FEE", withholdingOre: 0, participantName: null }, "en");
    expect(form.title).toBe("Fee form");
    expect(rows(form).some((row) => row.startsWith("Tax withheld"))).toBe(false);
    expect(rows(form)).toContain("Name: (not shown to the unit without consent)");
    expect(form.signatures[1]?.label).toBe("Attested by the development leader/coordinator");
    expect(feeForm({ ...claim, attester: "COORDINATOR" }, "sv").title).toBe("Arvodesblankett");
  });

  it("is VGR's payout form where the unit attests and pays a fee itself", () => {
    const form = feeForm({ ...claim, attester: "UNIT_REQUESTER", payoutMethod: "FEE", withholdingOre: 0 }, "sv");
    expect(form.title).toBe("Blankett för utbetalning av arvode");
    expect(form.subtitle).toContain("verksamheten står för ersättningen");
  });
});

describe("the agreement and the payroll summary", () => {
  it("names both parties, the period and the scope, with both signatures", () => {
    const agreement = agreementDocument(
      {
        assignmentId: "a1",
        tenantName: "Region Kalmar län",
        networkName: "Intressebanken",
        unitName: "Äldreomsorgen",
        unitContactName: null,
        requestTitle: "Nära vård",
        purpose: null,
        participantName: "Åke Ödman",
        validFrom: "2026-05-01",
        validTo: null,
        scope: "Fyra workshoppar.",
        occasions: [],
        compensation: null,
        signedByMemberAt: null,
        signedByUnitAt: "2026-04-29",
      },
      "sv",
    );
    expect(agreement.title).toBe("Överenskommelse om medverkan");
    expect(rows(agreement)).toEqual(expect.arrayContaining(["Medverkande: Åke Ödman", "Period: 2026-05-01 – ej angiven"]));
    expect(agreement.sections.at(-1)?.text).toBe("Fyra workshoppar.");
    expect(agreement.signatures.map((signature) => signature.signedAt)).toEqual([null, "undertecknat 2026-04-29"]);
  });

  it("totals the export and lists each person with the domain's own summary text", () => {
    const summary = payrollSummaryDocument(
      {
        exportId: "e1",
        tenantName: "Region Kalmar län",
        payerName: null,
        periodFrom: "2026-04-01",
        periodTo: "2026-04-30",
        claimCount: 1,
        grossOre: 53_300,
        withholdingOre: 16_000,
        netOre: 37_300,
        persons: [
          {
            personName: "Åke Ödman",
            personReference: "m1",
            claimCount: 1,
            grossOre: 53_300,
            mileageOre: 0,
            expensesOre: 0,
            withholdingOre: 16_000,
            netOre: 37_300,
            text: "2026-04-14  Kort uppdrag (1 h 30 min): arvode 533 kr, att betala ut 373 kr",
          },
        ],
      },
      "sv",
    );
    expect(rows(summary)).toEqual(
      expect.arrayContaining(["Period: 2026-04-01 – 2026-04-30", "Betalare: Region Kalmar län", "Att betala ut: 373 kr"]),
    );
    expect(summary.sections[1]?.heading).toBe("Åke Ödman");
    expect(summary.sections[1]?.text).toContain("Kort uppdrag");
  });
});
