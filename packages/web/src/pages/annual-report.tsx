import { useState } from "react";
import { useQuery } from "urql";
import { Field } from "../components/field";
import { graphql } from "../generated";
import { type Language, useI18n } from "../i18n";

// The annual report a coordination function hands to management (Östergötland: "Tar fram årlig statistik"): the
// protected headline figures of the year beside the year before. A page that prints well (styles.css, @media print).

const AnnualReportDocument = graphql(`
  query AnnualReport($year: Int!) {
    annualReport(year: $year) {
      year
      tenantName
      figures {
        key
        labelSv
        labelEn
        value { value suppressed suppression }
        previous { value suppressed suppression }
        changePercent
      }
    }
  }
`);

type Value = { value?: number | null; suppressed: boolean; suppression?: string | null };

/** How each headline is shown: money comes in öre, shares as 0–1. */
const UNITS: Record<string, "kronor" | "percent" | "days" | undefined> = {
  feesGrossOre: "kronor",
  fillRate: "percent",
  medianDaysToFilled: "days",
};

function useFormat() {
  const { t, language } = useI18n();
  const locale = (l: Language) => (l === "sv" ? "sv-SE" : "en-GB");
  return (key: string, value: Value) => {
    if (value.suppression === "NOT_APPLICABLE") return t("analystNotApplicable");
    if (value.suppressed || value.value === null || value.value === undefined) return t("analystHiddenValue");
    const n = value.value;
    switch (UNITS[key]) {
      case "kronor":
        return new Intl.NumberFormat(locale(language), { style: "currency", currency: "SEK", maximumFractionDigits: 0 }).format(n / 100);
      case "percent":
        return new Intl.NumberFormat(locale(language), { style: "percent", maximumFractionDigits: 0 }).format(n);
      case "days":
        return t("analystDays", { value: new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(n) });
      default:
        return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(n);
    }
  };
}

export function AnnualReportPage() {
  const { t, language } = useI18n();
  const format = useFormat();
  const lastYear = new Date().getFullYear() - 1;
  const [year, setYear] = useState(lastYear + 1);
  const [{ data, error, fetching }] = useQuery({ query: AnnualReportDocument, variables: { year } });
  // The heading names the chosen year at once; the last year's figures are not shown under it while the new ones load.
  const report = fetching ? undefined : data?.annualReport;
  const years = Array.from({ length: 6 }, (_, i) => lastYear + 1 - i);
  return (
    <article className="annual-report">
      <h1>{t("analystAnnualReportTitle", { year })}</h1>
      <div className="no-print inline-form">
        <Field id="report-year" label={t("year")}>
          {(control) => (
            <select {...control} value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" onClick={() => window.print()}>
          {t("analystPrint")}
        </button>
      </div>
      {error ? <p role="alert">{error.message}</p> : null}
      {fetching ? <p aria-live="polite">{t("loading")}</p> : null}
      {report ? (
        <>
          <p>{t("analystAnnualReportIntro", { tenant: report.tenantName, year: report.year })}</p>
          <table>
            <caption className="visually-hidden">{t("analystAnnualReportTitle", { year: report.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("analystFigure")}</th>
                <th scope="col">{report.year}</th>
                <th scope="col">{t("analystPrevious", { year: report.year - 1 })}</th>
                <th scope="col">{t("analystChange")}</th>
              </tr>
            </thead>
            <tbody>
              {report.figures.map((figure) => (
                <tr key={figure.key}>
                  <th scope="row">{language === "sv" ? figure.labelSv : figure.labelEn}</th>
                  <td className={figure.value.suppressed ? "suppressed" : "number"}>{format(figure.key, figure.value)}</td>
                  <td className={figure.previous.suppressed ? "suppressed" : "number"}>{format(figure.key, figure.previous)}</td>
                  <td className="number">
                    {figure.changePercent === null || figure.changePercent === undefined
                      ? "–"
                      : `${figure.changePercent > 0 ? "+" : ""}${new Intl.NumberFormat(language === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 1 }).format(figure.changePercent)} %`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </article>
  );
}
