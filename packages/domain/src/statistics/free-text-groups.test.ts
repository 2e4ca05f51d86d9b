import { describe, expect, it } from "vitest";
import { disclosesAFigure, mayListGroup } from "./free-text-groups.js";
import { MEASURE_NAMES, NOT_APPLICABLE, SMALL_COUNT, type StatisticsFigure, type StatisticsFigures } from "./measures.js";

const figures = (overrides: Partial<Record<(typeof MEASURE_NAMES)[number], StatisticsFigure>>, rest: StatisticsFigure = SMALL_COUNT) =>
  Object.fromEntries(MEASURE_NAMES.map((name) => [name, overrides[name] ?? rest])) as StatisticsFigures;

describe("rows labelled with registrants' free text", () => {
  it("are not listed when every figure is hidden or zero", () => {
    const hidden = figures({});
    expect(disclosesAFigure(hidden)).toBe(false);
    expect(mayListGroup(["MUNICIPALITY"], hidden)).toBe(false);
    expect(mayListGroup(["NETWORK", "MUNICIPALITY"], hidden)).toBe(false);
    const zeros = figures({ requestsReceived: { value: 0, withheld: null }, activePoolSize: NOT_APPLICABLE });
    expect(mayListGroup(["MUNICIPALITY"], zeros)).toBe(false);
  });

  it("are listed when some figure is shown", () => {
    const shown = figures({ newRegistrations: { value: 7, withheld: null } });
    expect(mayListGroup(["MUNICIPALITY"], shown)).toBe(true);
  });

  it("leave rows labelled by the tenant's own configuration alone", () => {
    expect(mayListGroup(["NETWORK", "UNIT"], figures({}))).toBe(true);
  });
});
