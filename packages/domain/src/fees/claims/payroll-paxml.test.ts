import { describe, expect, it } from "vitest";
import { create } from "xmlbuilder2";
import type { PayrollClaim, PayrollPersonIdentity } from "./payroll-file.js";
import { paxmlAmount, paxmlHours, payrollPaxml } from "./payroll-paxml.js";

// The rules checked here are PAXml 2.0's own ("PAXml 2.0", www.paxml.se, 2013-03-13): the header's version "2.0" is
// required; every <lonetrans> names the person by `anstid` and/or `persnr` ("Anställningsnummer eller personnummer
// måste finnas med"), `persnr` being twelve digits (Text[12], yyyymmddnnnn); a <lonkod> or a <lonart> is required;
// amounts are decimals. The end-to-end test (tests/fees/payroll-paxml.test.ts) checks whole exported files against the
// same documented rules (tests/fees/paxml-rules.ts).

const anna: PayrollClaim = {
  claimId: "c1",
  personReference: "m1",
  personName: "Anna Maria Svensson",
  costCentreCode: "4410",
  occasionDate: "2024-05-14",
  category: "FULL_DAY",
  countedMinutes: 270,
  preparationMinutes: 60,
  grossOre: 206_300,
  preparationOre: 28_600,
  mileageKm: 42,
  mileageOre: 10_500,
  expensesOre: 6_000,
  withholdingOre: 61_800,
  netOre: 189_600,
  payoutMethod: "SALARY",
};
const bo: PayrollClaim = {
  ...anna,
  claimId: "c2",
  personReference: "m2",
  personName: 'Bo <"Bosse"> & Ek',
  costCentreCode: "RJL-ANSVAR-44100",
  preparationMinutes: 0,
  preparationOre: 0,
  mileageKm: 0,
  mileageOre: 0,
  expensesOre: 0,
};
const nobody: PayrollClaim = { ...anna, claimId: "c3", personReference: "m3", personName: "Cecilia Nord" };

const people = new Map<string, PayrollPersonIdentity>([
  [
    "m1",
    {
      personalIdentityNumber: "198001019826",
      employeeNumber: "10234",
      bankAccount: { clearingNumber: "83279", accountNumber: "9143231117" },
    },
  ],
  ["m2", { personalIdentityNumber: "199002029812", employeeNumber: null, bankAccount: null }],
]);
const options = {
  createdAt: new Date("2024-06-01T08:30:00.123Z"),
  payerName: "Region Kalmar län",
  period: { from: "2024-05-01", to: "2024-05-31" },
  exportId: "e1",
  includeBankAccounts: true,
};

type Node = { [key: string]: unknown };
const read = (xml: string) => (create(xml).end({ format: "object" }) as { paxml: Node }).paxml;
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe("PAXml 2.0 salary transactions", () => {
  const xml = payrollPaxml([nobody, bo, anna], people, options);
  const paxml = read(xml);
  const transactions = list((paxml.lonetransaktioner as Node).lonetrans as Node[]);

  it("declares the schema and a header with version 2.0, format LÖNIN and the export time", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(paxml["@xsi:noNamespaceSchemaLocation"]).toBe("http://www.paxml.se/2.0/paxml.xsd");
    expect(paxml.header).toMatchObject({
      version: "2.0",
      format: "LÖNIN",
      datum: "2024-06-01T08:30:00Z",
      foretagnamn: "Region Kalmar län",
    });
  });

  it("names every transaction's person by employee number and/or twelve-digit personnummer", () => {
    for (const trans of transactions) {
      const anstid = trans["@anstid"] as string | undefined;
      const persnr = trans["@persnr"] as string | undefined;
      expect(anstid !== undefined || persnr !== undefined).toBe(true);
      if (persnr !== undefined) expect(persnr).toMatch(/^\d{12}$/);
      expect(trans.lonkod ?? trans.lonart).toBeTruthy();
    }
    const annas = transactions.filter((trans) => trans.info === "Underlag c1");
    expect(annas.map((trans) => [trans["@anstid"], trans["@persnr"]])).toEqual(Array(4).fill(["10234", "198001019826"]));
    const bos = transactions.filter((trans) => trans.info === "Underlag c2");
    expect(bos.map((trans) => [trans["@anstid"], trans["@persnr"]])).toEqual([[undefined, "199002029812"]]);
    // Neither number known: the platform's reference, so the line is not lost (the export lists the person as missing).
    const cecilias = transactions.filter((trans) => trans.info === "Underlag c3");
    expect(new Set(cecilias.map((trans) => trans["@anstid"]))).toEqual(new Set(["m3"]));
  });

  it("sends fee, preparation, mileage and expenses as separate amounts that add up to the claim, to the öre", () => {
    const annas = transactions.filter((trans) => trans.info === "Underlag c1");
    expect(annas.map((trans) => [trans.lonkod, trans.antal, trans.belopp, trans.datum])).toEqual([
      ["LT1", "4.50", "2063.00", "2024-05-14"],
      ["LT2", "1.00", "286.00", "2024-05-14"],
      ["MIL_FRI", "4.2", "105.00", "2024-05-14"],
      ["UTLÄGG", undefined, "60.00", "2024-05-14"],
    ]);
    const total = transactions.reduce((sum, trans) => sum + Math.round(Number(trans.belopp) * 100), 0);
    const expected = [anna, bo, nobody].reduce((sum, c) => sum + c.grossOre + c.preparationOre + c.mileageOre + c.expensesOre, 0);
    expect(total).toBe(expected);
    // postid numbers every transaction once.
    expect(transactions.map((trans) => Number(trans["@postid"]))).toEqual(transactions.map((_, index) => index + 1));
  });

  it("puts a cost centre of at most ten characters on dimension 1, a longer one in the comment", () => {
    const annas = transactions.filter((trans) => trans.info === "Underlag c1");
    expect(annas[0]?.resenheter).toEqual({ resenhet: { "@dim": "1", "@id": "4410" } });
    const bos = transactions.filter((trans) => trans.info === "Underlag c2");
    expect(bos[0]?.resenheter).toBeUndefined();
    expect(bos[0]?.kommentar).toBe("Ansvar RJL-ANSVAR-44100");
  });

  it("lists each person once with name and, where the region pays to an account, the bank account", () => {
    const persons = list((paxml.personal as Node).person as Node[]);
    // (Bo's given name is checked as written, escaped, below.)
    expect(persons.map((person) => [person.efternamn, person.bankclearing, person.bankkonto])).toEqual([
      ["Svensson", "83279", "9143231117"],
      ["Ek", undefined, undefined],
      ["Nord", undefined, undefined],
    ]);
    expect(persons.map((person) => person["@anstid"] ?? person["@persnr"])).toEqual(["10234", "199002029812", "m3"]);
    expect(persons[0]?.fornamn).toBe("Anna Maria");
    const without = read(payrollPaxml([anna], people, { ...options, includeBankAccounts: false }));
    expect((without.personal as Node).person).not.toHaveProperty("bankkonto");
  });

  it("escapes what XML must escape", () => {
    expect(xml).toContain('<fornamn>Bo &lt;"Bosse"&gt; &amp;</fornamn>');
  });

  it("writes decimals with a point", () => {
    expect(paxmlAmount(206_300)).toBe("2063.00");
    expect(paxmlAmount(-5)).toBe("-0.05");
    expect(paxmlHours(100)).toBe("1.67");
  });
});
