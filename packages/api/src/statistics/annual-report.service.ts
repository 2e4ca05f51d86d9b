import { validateStatisticsQuery } from "@medverkan/domain";
import { badUserInput } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import { findStatisticsSettings } from "./statistics.repository.js";
import { computeStatistics, requireStatisticsReader } from "./statistics.service.js";
import type { AnnualReport, AnnualReportFigure, StatisticsMeasures, StatisticsValue } from "./statistics.type.js";
import { statisticsMemo } from "./statistics-memo.js";

// The figures a coordination function reports to management once a year (seeds/004: "Tar fram årlig statistik"),
// each next to the year before. They are the protected totals of the statistics API, so the report discloses
// nothing the API would not.

const HEADLINES: ReadonlyArray<{ key: keyof StatisticsMeasures; sv: string; en: string; unit?: "percent" | "kronor" | "days" }> = [
  { key: "requestsReceived", sv: "Inkomna förfrågningar", en: "Requests received" },
  { key: "fillRate", sv: "Tillsättningsgrad", en: "Fill rate", unit: "percent" },
  {
    key: "medianDaysToFilled",
    sv: "Dagar från förfrågan till tillsatt (median)",
    en: "Days from request to filled (median)",
    unit: "days",
  },
  { key: "assignmentsCarriedOut", sv: "Genomförda uppdrag", en: "Assignments carried out" },
  { key: "occasionsCarriedOut", sv: "Genomförda tillfällen", en: "Occasions held" },
  { key: "uniquePersons", sv: "Personer som medverkat", en: "People who took part" },
  { key: "hours", sv: "Timmar av medverkan", en: "Hours of participation" },
  { key: "feesGrossOre", sv: "Utbetalda arvoden", en: "Fees paid", unit: "kronor" },
  { key: "newRegistrations", sv: "Nya intresseanmälningar", en: "New registrations" },
  { key: "activePoolSize", sv: "Aktiva vid årets slut", en: "Active at year end" },
  { key: "neverAsked", sv: "Aktiva som aldrig tillfrågats", en: "Active but never asked" },
  { key: "askedNeverUsed", sv: "Tillfrågade men aldrig anlitade", en: "Asked but never used" },
  { key: "feedbackMeanRating", sv: "Medelbetyg i återkopplingen (1–5)", en: "Mean feedback rating (1–5)" },
];

export async function getAnnualReport(ctx: RequestContext, year: number): Promise<AnnualReport> {
  const { actor, networks } = requireStatisticsReader(ctx);
  const validated = validateStatisticsQuery({ year }, new Date().getUTCFullYear());
  if (!validated.ok) throw badUserInput(validated.errors, ctx.locale);
  statisticsMemo.noteAsked(actor.tenantId, Date.now());
  return ctx
    .scope(actor.tenantId)
    .transaction((tx) => buildAnnualReport(ctx, tx, actor.tenantId, year, networks), { timeoutMs: 60_000, staleReadAllowed: true });
}

/** Also used by the `report:annual` command, which runs as the tenant's analyst would. */
export async function buildAnnualReport(
  ctx: Pick<RequestContext, "locale">,
  tx: Tx,
  tenantId: string,
  year: number,
  networks: "ALL" | string[],
): Promise<AnnualReport> {
  const settings = await findStatisticsSettings(tx, tenantId);
  const query = (y: number) => ({ year: y, quarter: null, month: null, groupBy: [] });
  const current = await computeStatistics(ctx, tx, tenantId, query(year), networks, null);
  const previous = await computeStatistics(ctx, tx, tenantId, query(year - 1), networks, null);
  const figures: AnnualReportFigure[] = HEADLINES.map(({ key, sv, en }) => {
    const value = current.total[key];
    const before = previous.total[key];
    const changePercent =
      value.value !== null && before.value !== null && before.value !== 0
        ? Math.round(((value.value - before.value) / before.value) * 1000) / 10
        : null;
    return { key, labelSv: sv, labelEn: en, value, previous: before, changePercent };
  });
  const tenantName = settings?.name ?? "";
  return {
    year,
    tenantName,
    figures,
    textSv: reportText("sv", tenantName, year, figures, current.smallCellThreshold),
    textEn: reportText("en", tenantName, year, figures, current.smallCellThreshold),
  };
}

function format(value: StatisticsValue, unit: string | undefined, locale: "sv" | "en"): string {
  if (value.suppressed || value.value === null) {
    if (value.suppression === "NOT_APPLICABLE") return "–";
    return locale === "sv" ? "x (för få för att redovisas)" : "x (too few to report)";
  }
  const number = (n: number, digits = 0) =>
    new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
  switch (unit) {
    case "percent":
      return `${number(value.value * 100, 0)} %`;
    case "kronor":
      return `${number(Math.round(value.value / 100))} kr`;
    case "days":
      return number(value.value, 1);
    default:
      return number(value.value, 2);
  }
}

function reportText(
  locale: "sv" | "en",
  tenantName: string,
  year: number,
  figures: readonly AnnualReportFigure[],
  threshold: number,
): string {
  const sv = locale === "sv";
  const lines = [
    sv ? `# Medverkan ${year} – ${tenantName}` : `# Participation in ${year} – ${tenantName}`,
    "",
    sv
      ? `Årets siffror jämförda med ${year - 1}. Antal under ${threshold} redovisas inte (x), så att ingen enskild person kan pekas ut.`
      : `The year's figures compared with ${year - 1}. Counts below ${threshold} are not reported (x), so that no one can be singled out.`,
    "",
    sv ? `| Mått | ${year} | ${year - 1} | Förändring |` : `| Measure | ${year} | ${year - 1} | Change |`,
    "|---|---:|---:|---:|",
  ];
  for (const figure of figures) {
    const unit = HEADLINES.find((headline) => headline.key === figure.key)?.unit;
    const change =
      figure.changePercent === null
        ? "–"
        : `${figure.changePercent > 0 ? "+" : ""}${new Intl.NumberFormat(sv ? "sv-SE" : "en-GB", { maximumFractionDigits: 1 }).format(figure.changePercent)} %`;
    lines.push(
      `| ${sv ? figure.labelSv : figure.labelEn} | ${format(figure.value, unit, locale)} | ${format(figure.previous, unit, locale)} | ${change} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
