import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { hoursCell, kronorCell, type PayrollClaim, payrollCsv, personSummaries } from "./payroll-file.js";

const base: PayrollClaim = {
  claimId: "c1",
  personReference: "m1",
  personName: "Anna Svensson",
  costCentreCode: "RJL-4410",
  occasionDate: "2024-05-14",
  category: "FULL_DAY",
  countedMinutes: 270,
  preparationMinutes: 0,
  grossOre: 206_300,
  preparationOre: 0,
  mileageKm: 42,
  mileageOre: 10_500,
  expensesOre: 6_000,
  withholdingOre: 61_800,
  netOre: 206_300 - 61_800 + 10_500 + 6_000,
  payoutMethod: "SALARY",
};

describe("cells", () => {
  it("writes kronor with a decimal comma and hours to the hundredth", () => {
    expect(kronorCell(206_300)).toBe("2063,00");
    expect(kronorCell(3_075)).toBe("30,75");
    expect(kronorCell(5)).toBe("0,05");
    expect(hoursCell(270)).toBe("4,50");
    expect(hoursCell(100)).toBe("1,67");
  });
});

describe("the payroll CSV", () => {
  const second: PayrollClaim = {
    ...base,
    claimId: "c2",
    personReference: "m2",
    personName: 'Bo "Bosse" Ek; =HYPERLINK("x")',
    occasionDate: "2024-05-02",
    category: "HALF_DAY",
    countedMinutes: 180,
    grossOre: 103_100,
    mileageOre: 0,
    expensesOre: 0,
    withholdingOre: 30_900,
    netOre: 72_200,
  };

  it("has one row per claim with the columns a payroll office needs, ordered by person and date", () => {
    const csv = payrollCsv([second, base]);
    const rows = parse(csv, { delimiter: ";", bom: true }) as string[][];
    expect(rows[0]).toEqual([
      "Personreferens",
      "Namn",
      "Ansvarskod",
      "Datum",
      "Kategori",
      "Timmar",
      "Arvode brutto",
      "Förberedelse",
      "Milersättning",
      "Utlägg",
      "Skatteavdrag",
      "Att betala ut",
      "Utbetalning",
      "Personnummer",
      "Anställningsnummer",
      "Clearingnummer",
      "Kontonummer",
      "Underlag",
    ]);
    expect(rows[1]).toEqual([
      "m1",
      "Anna Svensson",
      "RJL-4410",
      "2024-05-14",
      "Heldag",
      "4,50",
      "2063,00",
      "0,00",
      "105,00",
      "60,00",
      "618,00",
      "1610,00",
      "lön",
      "",
      "",
      "",
      "",
      "c1",
    ]);
    expect(rows[2]?.[0]).toBe("m2");
    expect(rows).toHaveLength(3);
  });

  it("carries the payroll's own references where known: personnummer as YYYYMMDD-NNNN, employee number, bank account", () => {
    const people = new Map([
      [
        "m1",
        {
          personalIdentityNumber: "198001019826",
          employeeNumber: "10234",
          bankAccount: { clearingNumber: "83279", accountNumber: "9143231117" },
        },
      ],
      ["m2", { personalIdentityNumber: null, employeeNumber: "A-7", bankAccount: null }],
    ]);
    const rows = parse(payrollCsv([second, base], "sv", people), { delimiter: ";", bom: true }) as string[][];
    expect(rows[1]?.slice(13, 18)).toEqual(["19800101-9826", "10234", "83279", "9143231117", "c1"]);
    expect(rows[2]?.slice(13, 18)).toEqual(["", "A-7", "", "", "c2"]);
  });

  it("quotes delimiters and quotes, and defuses spreadsheet formulas", () => {
    const rows = parse(payrollCsv([{ ...second, personName: '=HYPERLINK("x"); "Bo"' }]), { delimiter: ";" }) as string[][];
    expect(rows[1]?.[1]).toBe(`'=HYPERLINK("x"); "Bo"`);
  });

  it("defuses a formula that starts like a negative number, or behind whitespace or a full-width sign", () => {
    for (const personName of ['-1+HYPERLINK("http://evil.example")', " =1+1", '\uff1dHYPERLINK("x")']) {
      const rows = parse(payrollCsv([{ ...second, personName }]), { delimiter: ";" }) as string[][];
      expect(rows[1]?.[1]).toBe(`'${personName}`);
    }
    // Amounts stay numbers: a negative correction is not a formula.
    const negative = parse(payrollCsv([{ ...second, grossOre: -25_000 }]), { delimiter: ";" }) as string[][];
    expect(negative[1]?.[6]).toBe("-250,00");
  });

  it("writes English headers on request", () => {
    expect(payrollCsv([base], "en").split("\r\n")[0]).toBe(
      "\uFEFF" +
        "Person reference;Name;Cost centre;Date;Category;Hours;Gross fee;Preparation;Mileage;Expenses;Tax withheld;Net to pay;Paid as;" +
        "Personal identity number;Employee number;Clearing number;Account number;Claim",
    );
  });
});

describe("the per-person summary", () => {
  it("adds up each person's claims and prints them line by line", () => {
    const later = { ...base, claimId: "c3", occasionDate: "2024-05-28", mileageOre: 0, expensesOre: 0, netOre: 206_300 - 61_800 };
    const [summary, ...others] = personSummaries([later, base], { from: "2024-05-01", to: "2024-05-31" });
    expect(others).toEqual([]);
    expect(summary).toMatchObject({ personReference: "m1", claimCount: 2, grossOre: 412_600, withholdingOre: 123_600, netOre: 305_500 });
    const lines = summary?.text.split("\n") ?? [];
    expect(lines).toContain("Period: 2024-05-01 – 2024-05-31");
    expect(lines).toContain(
      "2024-05-14  Heldag (4 h 30 min)  [RJL-4410]: arvode 2 063 kr, milersättning 105 kr, utlägg 60 kr, skatteavdrag 618 kr, att betala ut 1 610 kr",
    );
    expect(lines).toContain("Summa: arvode 4 126 kr, milersättning 105 kr, utlägg 60 kr, skatteavdrag 1 236 kr, att betala ut 3 055 kr");
  });
});
