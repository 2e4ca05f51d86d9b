import { type FormEvent, lazy, Suspense, useMemo, useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import { Field } from "../components/field";
import { graphql } from "../generated";
import type { StatisticsDimension, StatisticsInput } from "../generated/graphql";
import { useI18n } from "../i18n";

// Charting is loaded only when a table is shown (chart.js stays out of the first page's JavaScript).
const BarChart = lazy(() => import("../components/bar-chart"));

const StatisticsDocument = graphql(`
  query Statistics($input: StatisticsInput!) {
    statistics(input: $input) {
      year
      quarter
      month
      smallCellThreshold
      csv
      groupBy
      total {
        ...StatisticsFigures
      }
      rows {
        groups { dimension key label }
        measures {
          ...StatisticsFigures
        }
      }
    }
  }
  fragment StatisticsFigures on StatisticsMeasures {
    requestsReceived { value suppressed }
    assignmentsCarriedOut { value suppressed }
    occasionsCarriedOut { value suppressed }
    participants { value suppressed }
    uniquePersons { value suppressed }
    newRegistrations { value suppressed }
    activePoolSize { value suppressed }
  }
`);

const DIMENSIONS: StatisticsDimension[] = ["NETWORK", "ASSIGNMENT_TYPE", "UNIT", "PERSPECTIVE", "AGE_BAND", "MUNICIPALITY", "MONTH"];
const DIMENSION_LABELS: Record<StatisticsDimension, { sv: string; en: string }> = {
  NETWORK: { sv: "Nätverk", en: "Network" },
  ASSIGNMENT_TYPE: { sv: "Uppdragstyp", en: "Assignment type" },
  UNIT: { sv: "Verksamhet", en: "Unit" },
  PERSPECTIVE: { sv: "Perspektiv", en: "Perspective" },
  AGE_BAND: { sv: "Åldersgrupp", en: "Age band" },
  MUNICIPALITY: { sv: "Kommun", en: "Municipality" },
  MONTH: { sv: "Månad", en: "Month" },
};
const MEASURES = [
  "requestsReceived",
  "assignmentsCarriedOut",
  "occasionsCarriedOut",
  "participants",
  "uniquePersons",
  "newRegistrations",
  "activePoolSize",
] as const;
type Measure = (typeof MEASURES)[number];
const MEASURE_LABELS: Record<Measure, { sv: string; en: string }> = {
  requestsReceived: { sv: "Förfrågningar", en: "Requests" },
  assignmentsCarriedOut: { sv: "Genomförda uppdrag", en: "Assignments carried out" },
  occasionsCarriedOut: { sv: "Genomförda tillfällen", en: "Occasions held" },
  participants: { sv: "Medverkanden", en: "Participations" },
  uniquePersons: { sv: "Personer som medverkat", en: "People who took part" },
  newRegistrations: { sv: "Nya anmälningar", en: "New registrations" },
  activePoolSize: { sv: "Aktiva i poolen", en: "Active in the pool" },
};

/** "" for the whole year, "Q1".."Q4", or "M1".."M12". */
type PeriodChoice = string;
const PERIODS: PeriodChoice[] = ["", "Q1", "Q2", "Q3", "Q4", ...Array.from({ length: 12 }, (_, i) => `M${i + 1}`)];

interface Asked {
  year: number;
  period: PeriodChoice;
  groupBy: StatisticsDimension;
  thenBy: StatisticsDimension | "";
}

function toInput(asked: Asked): StatisticsInput {
  const period: StatisticsInput["period"] = { year: asked.year };
  if (asked.period.startsWith("Q")) period.quarter = Number(asked.period.slice(1));
  if (asked.period.startsWith("M")) period.month = Number(asked.period.slice(1));
  return { period, groupBy: asked.thenBy ? [asked.groupBy, asked.thenBy] : [asked.groupBy] };
}

function Cell({ value }: { value: { value?: number | null; suppressed: boolean } }) {
  const { t } = useI18n();
  if (value.suppressed) return <td className="suppressed">{t("suppressed")}</td>;
  return <td className="number">{value.value ?? "–"}</td>;
}

export function StatisticsPage() {
  const { t, language } = useI18n();
  const [form, setForm] = useState<Asked>({ year: new Date().getFullYear(), period: "", groupBy: "NETWORK", thenBy: "" });
  const [asked, setAsked] = useState<Asked>(form);
  const [charted, setCharted] = useState<Measure>("requestsReceived");
  const input = useMemo(() => toInput(asked), [asked]);
  const [{ data, error, fetching }] = useQuery({ query: StatisticsDocument, variables: { input } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(form);
  };
  const periodLabel = (choice: PeriodChoice) => {
    if (choice === "") return t("analystWholeYear");
    if (choice.startsWith("Q")) return `${t("analystQuarter")} ${choice.slice(1)}`;
    return new Intl.DateTimeFormat(language === "sv" ? "sv-SE" : "en-GB", { month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2000, Number(choice.slice(1)) - 1, 1)),
    );
  };
  // While a new question is on its way, urql still holds the last answer; the headings already name the new question,
  // so the old figures are not shown under them (a table must never answer a question other than its caption's).
  const table = fetching ? undefined : data?.statistics;
  const groupLabel = (asked.thenBy ? [asked.groupBy, asked.thenBy] : [asked.groupBy]).map((d) => DIMENSION_LABELS[d][language]).join(", ");
  const bars = useMemo(
    () =>
      (table?.rows ?? [])
        .filter((row) => !row.measures[charted].suppressed && row.measures[charted].value !== null)
        .map((row) => ({ label: row.groups.map((g) => g.label).join(", "), value: row.measures[charted].value as number })),
    [table, charted],
  );
  const hiddenGroups = (table?.rows ?? [])
    .filter((row) => row.measures[charted].suppressed)
    .map((row) => row.groups.map((g) => g.label).join(", "));
  const measureLabel = MEASURE_LABELS[charted][language];
  return (
    <>
      <h1>{t("statisticsTitle")}</h1>
      <p>
        <Link to="/annual-report">{t("analystNavAnnualReport")}</Link>
      </p>
      <form onSubmit={submit} className="inline-form">
        <Field id="stat-year" label={t("year")}>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              value={form.year}
              onChange={(e) => setForm({ ...form, year: Number(e.target.value) })}
            />
          )}
        </Field>
        <Field id="stat-period" label={t("analystQuarter")}>
          {(control) => (
            <select {...control} value={form.period} onChange={(e) => setForm({ ...form, period: e.target.value })}>
              {PERIODS.map((choice) => (
                <option key={choice} value={choice}>
                  {periodLabel(choice)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="stat-group" label={t("groupBy")}>
          {(control) => (
            <select
              {...control}
              value={form.groupBy}
              onChange={(e) => {
                const groupBy = e.target.value as StatisticsDimension;
                setForm({ ...form, groupBy, thenBy: form.thenBy === groupBy ? "" : form.thenBy });
              }}
            >
              {DIMENSIONS.map((dimension) => (
                <option key={dimension} value={dimension}>
                  {DIMENSION_LABELS[dimension][language]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="stat-then" label={t("analystThenBy")}>
          {(control) => (
            <select
              {...control}
              value={form.thenBy}
              onChange={(e) => setForm({ ...form, thenBy: e.target.value as StatisticsDimension | "" })}
            >
              <option value="">{t("analystNoSecondGroup")}</option>
              {DIMENSIONS.filter((dimension) => dimension !== form.groupBy).map((dimension) => (
                <option key={dimension} value={dimension}>
                  {DIMENSION_LABELS[dimension][language]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">{t("show")}</button>
      </form>
      {error ? <p role="alert">{error.message}</p> : null}
      {fetching ? <p aria-live="polite">{t("loading")}</p> : null}
      {table ? (
        <>
          <p id="suppression-note">{t("suppressedExplained")}</p>
          <section aria-labelledby="chart-title">
            <h2 id="chart-title">
              {t("analystChartTitle", { measure: measureLabel, group: groupLabel, period: `${periodLabel(asked.period)} ${table.year}` })}
            </h2>
            <Field id="stat-chart-measure" label={t("analystChartMeasure")}>
              {(control) => (
                <select {...control} value={charted} onChange={(e) => setCharted(e.target.value as Measure)}>
                  {MEASURES.map((measure) => (
                    <option key={measure} value={measure}>
                      {MEASURE_LABELS[measure][language]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Suspense fallback={<p>{t("loading")}</p>}>
              <BarChart
                bars={bars}
                locale={language === "sv" ? "sv-SE" : "en-GB"}
                description={t("analystChartDescription", {
                  measure: measureLabel,
                  group: groupLabel,
                  shown: bars.length,
                  hidden: hiddenGroups.length,
                })}
              />
            </Suspense>
            {hiddenGroups.length > 0 ? <p className="hint">{t("analystChartHidden", { groups: hiddenGroups.join("; ") })}</p> : null}
          </section>
          <section
            className="table-wrap"
            aria-label={t("statisticsTitle")}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls; the keyboard must reach it (WCAG 2.1.1)
            tabIndex={0}
          >
            <table aria-describedby="suppression-note">
              <caption>
                {t("statisticsTitle")} {periodLabel(asked.period)} {table.year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{groupLabel}</th>
                  {MEASURES.map((measure) => (
                    <th scope="col" key={measure}>
                      {MEASURE_LABELS[measure][language]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row.groups.map((g) => g.key).join("|")}>
                    <th scope="row">{row.groups.map((g) => g.label).join(", ")}</th>
                    {MEASURES.map((measure) => (
                      <Cell key={measure} value={row.measures[measure]} />
                    ))}
                  </tr>
                ))}
                <tr className="total">
                  <th scope="row">{t("analystTotal")}</th>
                  {MEASURES.map((measure) => (
                    <Cell key={measure} value={table.total[measure]} />
                  ))}
                </tr>
              </tbody>
            </table>
          </section>
          <p>
            <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(table.csv)}`} download={`statistik-${table.year}.csv`}>
              {t("downloadCsv")}
            </a>
          </p>
        </>
      ) : null}
    </>
  );
}
