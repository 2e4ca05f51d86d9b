import { enumLabel, type Locale, spreadsheetCsv } from "@medverkan/domain";
import type { StatisticsMeasures, StatisticsTable, StatisticsValue } from "./statistics.type.js";

/** The measure columns of the CSV, in the order of the GraphQL type, with headers in both languages. */
export const MEASURE_COLUMNS: ReadonlyArray<{ key: keyof StatisticsMeasures; sv: string; en: string }> = [
  { key: "requestsReceived", sv: "Inkomna förfrågningar", en: "Requests received" },
  { key: "requestsDeclined", sv: "Avböjda förfrågningar", en: "Requests declined" },
  { key: "requestsCancelled", sv: "Återtagna förfrågningar", en: "Requests cancelled" },
  { key: "fillRate", sv: "Tillsättningsgrad", en: "Fill rate" },
  { key: "medianDaysToFilled", sv: "Dagar till tillsatt (median)", en: "Days to filled (median)" },
  { key: "p90DaysToFilled", sv: "Dagar till tillsatt (90:e percentil)", en: "Days to filled (90th percentile)" },
  { key: "assignmentsCarriedOut", sv: "Genomförda uppdrag", en: "Assignments carried out" },
  { key: "occasionsCarriedOut", sv: "Genomförda tillfällen", en: "Occasions held" },
  { key: "participants", sv: "Medverkanden", en: "Participations" },
  { key: "uniquePersons", sv: "Unika personer", en: "Unique persons" },
  { key: "hours", sv: "Timmar", en: "Hours" },
  { key: "feesGrossOre", sv: "Utbetalt arvode (öre)", en: "Fees paid (öre)" },
  { key: "feesMileageOre", sv: "Utbetald milersättning (öre)", en: "Mileage paid (öre)" },
  { key: "feesExpensesOre", sv: "Utbetalda utlägg (öre)", en: "Expenses paid (öre)" },
  { key: "newRegistrations", sv: "Nya intresseanmälningar", en: "New registrations" },
  { key: "activePoolSize", sv: "Aktiva vid periodens slut", en: "Active pool at period end" },
  { key: "neverAsked", sv: "Aktiva som aldrig tillfrågats", en: "Active, never asked" },
  { key: "askedNeverUsed", sv: "Tillfrågade som aldrig anlitats", en: "Asked, never used" },
  { key: "assignmentConcentration", sv: "Andel uppdrag till de 10 % mest anlitade", en: "Share of assignments to the most-used 10 %" },
  { key: "feedbackCount", sv: "Antal omdömen", en: "Feedback ratings" },
  { key: "feedbackMeanRating", sv: "Medelbetyg", en: "Mean rating" },
];

export const GROUP_HEADERS: Record<string, { sv: string; en: string }> = {
  NETWORK: { sv: "Nätverk", en: "Network" },
  ASSIGNMENT_TYPE: { sv: "Uppdragstyp", en: "Assignment type" },
  UNIT: { sv: "Verksamhet", en: "Unit" },
  PERSPECTIVE: { sv: "Perspektiv", en: "Perspective" },
  AGE_BAND: { sv: "Åldersgrupp", en: "Age band" },
  MUNICIPALITY: { sv: "Kommun", en: "Municipality" },
  MONTH: { sv: "Månad", en: "Month" },
};

// Each figure has two columns: the number, left empty when withheld (a spreadsheet then never counts it as zero, and
// the column stays numeric), and a marker saying why it is empty, as statistical agencies flag their cells.
const MARKER = { sv: "markering", en: "flag" };

/** The measure columns' headers: each figure, then its marker. */
export function measureHeaders(locale: Locale): string[] {
  return MEASURE_COLUMNS.flatMap((column) => [column[locale], `${column[locale]} – ${MARKER[locale]}`]);
}

/** A group's figures as cells: each value (empty when withheld) and its marker (the reason, in words; else empty). */
export function measureCells(measures: StatisticsMeasures, locale: Locale): (string | number)[] {
  return MEASURE_COLUMNS.flatMap((column) => {
    const value: StatisticsValue = measures[column.key];
    if (!value.suppressed && value.value !== null) return [value.value, ""];
    const reason = value.suppression ?? "NOT_APPLICABLE";
    return ["", enumLabel("StatisticsSuppression", reason)?.[locale] ?? reason];
  });
}

/** The table as CSV: one column per group (its label) and per measure; the last row holds the totals. */
export function statisticsCsv(table: StatisticsTable, locale: Locale): string {
  const header = [...table.groupBy.map((dimension) => GROUP_HEADERS[dimension]?.[locale] ?? dimension), ...measureHeaders(locale)];
  const rows = table.rows.map((row) => [...row.groups.map((group) => group.label), ...measureCells(row.measures, locale)]);
  const totalLabel = locale === "sv" ? "Totalt" : "Total";
  const total = [...table.groupBy.map((_, i) => (i === 0 ? totalLabel : "")), ...measureCells(table.total, locale)];
  if (table.groupBy.length === 0) total.unshift(totalLabel);
  return spreadsheetCsv([table.groupBy.length === 0 ? ["", ...header] : header, ...rows, total]);
}
