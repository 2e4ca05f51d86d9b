import type { GroupDimension } from "./answerable-tables.js";
import { MEASURE_NAMES, type StatisticsFigures } from "./measures.js";

// Most group labels are the tenant's own configuration (networks, units, assignment types) or closed lists (perspective,
// age band, month). A municipality is what each registrant typed: a rare spelling, a village or a street can point at
// one person as surely as a name. Small-cell suppression hides such a group's figures, but the row itself — the label
// with every figure hidden — would still tell an analyst that somebody wrote it. So a row grouped by free text is shown
// only when it discloses at least one figure: a visible, non-zero value (a visible zero in a row that exists only
// because some hidden count is non-zero says nothing the hiding did not mean to hide, and the label would say the rest).

/** Group dimensions whose labels come from registrants' free text. */
export const FREE_TEXT_DIMENSIONS: readonly GroupDimension[] = ["MUNICIPALITY"];

/** True when some figure of the group is shown and non-zero. */
export function disclosesAFigure(figures: StatisticsFigures): boolean {
  return MEASURE_NAMES.some((name) => {
    const figure = figures[name];
    return figure.withheld === null && figure.value !== 0;
  });
}

/** Whether a row grouped by `groupBy` may be listed with its labels. */
export function mayListGroup(groupBy: readonly string[], figures: StatisticsFigures): boolean {
  if (!groupBy.some((dimension) => (FREE_TEXT_DIMENSIONS as readonly string[]).includes(dimension))) return true;
  return disclosesAFigure(figures);
}
