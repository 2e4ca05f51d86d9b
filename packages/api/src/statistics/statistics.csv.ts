import { type Locale, spreadsheetCsv } from "@medverkan/domain";
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

/** A withheld figure is written as its reason, so a spreadsheet never shows it as zero. */
export function cell(value: StatisticsValue): string | number {
  return value.suppressed ? (value.suppression ?? "SUPPRESSED") : (value.value ?? "");
}

/** The table as CSV: one column per group (its label) and per measure; the last row holds the totals. */
export function statisticsCsv(table: StatisticsTable, locale: Locale): string {
  const header = [
    ...table.groupBy.map((dimension) => GROUP_HEADERS[dimension]?.[locale] ?? dimension),
    ...MEASURE_COLUMNS.map((column) => column[locale]),
  ];
  const rows = table.rows.map((row) => [
    ...row.groups.map((group) => group.label),
    ...MEASURE_COLUMNS.map((column) => cell(row.measures[column.key])),
  ]);
  const totalLabel = locale === "sv" ? "Totalt" : "Total";
  const total = [
    ...table.groupBy.map((_, i) => (i === 0 ? totalLabel : "")),
    ...MEASURE_COLUMNS.map((column) => cell(table.total[column.key])),
  ];
  if (table.groupBy.length === 0) total.unshift(totalLabel);
  return spreadsheetCsv([table.groupBy.length === 0 ? ["", ...header] : header, ...rows, total]);
}
