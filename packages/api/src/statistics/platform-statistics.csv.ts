import { type Locale, spreadsheetCsv } from "@medverkan/domain";
import type { PlatformStatisticsTable } from "./platform-statistics.type.js";
import { GROUP_HEADERS, measureCells, measureHeaders } from "./statistics.csv.js";
import type { StatisticsMeasures } from "./statistics.type.js";

const TENANT_HEADER = { sv: "Region", en: "Region" };
const TOTAL = { sv: "Totalt", en: "Total" };
const NATIONAL = { sv: "Hela landet", en: "National total" };

/**
 * The platform table as CSV, laid out like a tenant's: a column per group (TENANT first) and per measure. Grouped,
 * each tenant's rows are followed by its total; the last row is the national total. A withheld figure is left empty,
 * never zero, with its reason in the marker column beside it.
 */
export function platformStatisticsCsv(table: PlatformStatisticsTable, locale: Locale): string {
  const header = [
    ...table.groupBy.map((dimension) => (dimension === "TENANT" ? TENANT_HEADER : GROUP_HEADERS[dimension])?.[locale] ?? dimension),
    ...measureHeaders(locale),
  ];
  const figures = (measures: StatisticsMeasures) => measureCells(measures, locale);
  const grouped = table.groupBy.length > 1;
  const lines: (string | number)[][] = [header];
  for (const tenantTotal of table.tenantTotals) {
    const tenantKey = tenantTotal.groups[0]?.key;
    if (grouped) {
      for (const row of table.rows.filter((r) => r.groups[0]?.key === tenantKey)) {
        lines.push([...row.groups.map((group) => group.label), ...figures(row.measures)]);
      }
    }
    const label = tenantTotal.groups[0]?.label ?? "";
    const filler = table.groupBy.slice(1).map((_, i) => (i === 0 ? TOTAL[locale] : ""));
    lines.push([label, ...filler, ...figures(tenantTotal.measures)]);
  }
  lines.push([NATIONAL[locale], ...table.groupBy.slice(1).map(() => ""), ...figures(table.total)]);
  return spreadsheetCsv(lines);
}
