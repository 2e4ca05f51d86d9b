import { type FormEvent, useState } from "react";
import { useQuery } from "urql";
import { Field } from "../components/field";
import { graphql } from "../generated";
import type { StatisticsDimension } from "../generated/graphql";
import { useI18n } from "../i18n";

const StatisticsDocument = graphql(`
  query Statistics($input: StatisticsInput!) {
    statistics(input: $input) {
      year
      smallCellThreshold
      csv
      groupBy
      total {
        requestsReceived { value suppressed }
        participants { value suppressed }
        occasionsCarriedOut { value suppressed }
        newRegistrations { value suppressed }
      }
      rows {
        groups { dimension key label }
        measures {
          requestsReceived { value suppressed }
          participants { value suppressed }
          occasionsCarriedOut { value suppressed }
          newRegistrations { value suppressed }
        }
      }
    }
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
const MEASURES = ["requestsReceived", "participants", "occasionsCarriedOut", "newRegistrations"] as const;
const MEASURE_LABELS: Record<(typeof MEASURES)[number], { sv: string; en: string }> = {
  requestsReceived: { sv: "Förfrågningar", en: "Requests" },
  participants: { sv: "Medverkanden", en: "Participations" },
  occasionsCarriedOut: { sv: "Genomförda tillfällen", en: "Occasions held" },
  newRegistrations: { sv: "Nya anmälningar", en: "New registrations" },
};

function Cell({ value }: { value: { value?: number | null; suppressed: boolean } }) {
  const { t } = useI18n();
  if (value.suppressed) return <td className="suppressed">{t("suppressed")}</td>;
  return <td className="number">{value.value ?? "–"}</td>;
}

export function StatisticsPage() {
  const { t, language } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const [groupBy, setGroupBy] = useState<StatisticsDimension>("NETWORK");
  const [asked, setAsked] = useState({ year, groupBy });
  const [{ data, error, fetching }] = useQuery({
    query: StatisticsDocument,
    variables: { input: { period: { year: asked.year }, groupBy: [asked.groupBy] } },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ year, groupBy });
  };
  const table = data?.statistics;
  return (
    <>
      <h1>{t("statisticsTitle")}</h1>
      <form onSubmit={submit} className="inline-form">
        <Field id="stat-year" label={t("year")}>
          {(control) => (
            <input {...control} type="number" inputMode="numeric" value={year} onChange={(e) => setYear(Number(e.target.value))} />
          )}
        </Field>
        <Field id="stat-group" label={t("groupBy")}>
          {(control) => (
            <select {...control} value={groupBy} onChange={(e) => setGroupBy(e.target.value as StatisticsDimension)}>
              {DIMENSIONS.map((dimension) => (
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
      {fetching && !data ? <p>{t("loading")}</p> : null}
      {table ? (
        <>
          <p id="suppression-note">{t("suppressedExplained")}</p>
          <section
            className="table-wrap"
            aria-label={t("statisticsTitle")}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls; the keyboard must reach it (WCAG 2.1.1)
            tabIndex={0}
          >
            <table aria-describedby="suppression-note">
              <caption>
                {t("statisticsTitle")} {table.year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{DIMENSION_LABELS[asked.groupBy][language]}</th>
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
                  <th scope="row">Total</th>
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
