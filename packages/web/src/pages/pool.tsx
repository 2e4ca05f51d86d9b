import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useViewer } from "../app";
import { ErrorSummary, Field } from "../components/field";
import { ScrollableTable } from "../components/scrollable-table";
import { graphql } from "../generated";
import type { AgeBand, MemberSearchInput, MembershipStatus, Perspective } from "../generated/graphql";
import { fieldErrorsOf } from "../graphql/errors";
import { type MessageKey, useI18n } from "../i18n";
import { coordinatedNetworks } from "../intake/networks";

// The coordinator's pool search over every field of `MemberSearchInput`: different fields narrow, several values of
// one field widen. Results link to the member's page; the API shows only members of networks the coordinator
// coordinates. Pages of 20 with the connection's cursor.

const PoolOptionsDocument = graphql(`
  query PoolOptions {
    me { tenant { id experienceTaxonomy { id key label children { id key label } } } }
  }
`);

const PoolSearchDocument = graphql(`
  query PoolSearch($filter: MemberSearchInput, $first: Int, $after: String) {
    members(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        givenName
        familyName
        municipality
        ageBand
        perspectives
        languages
        experiences { id label }
        memberships { id status network { id name } }
      }
    }
  }
`);

const PAGE = 20;
const AGE_BANDS: AgeBand[] = ["AGE_UNDER_18", "AGE_18_29", "AGE_30_49", "AGE_50_64", "AGE_65_79", "AGE_80_PLUS"];
const PERSPECTIVES: Perspective[] = ["PATIENT", "RELATIVE", "SERVICE_USER"];
const STATUSES: MembershipStatus[] = [
  "PENDING_GUARDIAN_CONSENT",
  "REGISTERED",
  "CONTACTED",
  "INTRODUCTION_BOOKED",
  "TRAINED",
  "ACTIVE",
  "PAUSED",
  "WITHDRAWN",
];

type Tri = "" | "true" | "false";
const emptyForm = {
  name: "",
  networkId: "",
  municipalities: "",
  languages: "",
  competences: "",
  trained: "" as Tri,
  neverInvited: "" as Tri,
  neverAssigned: "" as Tri,
  lastInvitedAfter: "",
  lastInvitedBefore: "",
  lastAssignmentAfter: "",
  lastAssignmentBefore: "",
};

const list = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
const triValue = (value: Tri) => (value === "" ? null : value === "true");
/** A date field (YYYY-MM-DD) as the start of that day in the browser's time zone. */
const instant = (value: string) => (value ? new Date(`${value}T00:00:00`).toISOString() : null);

export function PoolPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const networks = coordinatedNetworks(viewer);
  const [{ data: options }] = useQuery({ query: PoolOptionsDocument });
  const [form, setForm] = useState(emptyForm);
  const [perspectives, setPerspectives] = useState<Perspective[]>([]);
  const [ageBands, setAgeBands] = useState<AgeBand[]>([]);
  const [statuses, setStatuses] = useState<MembershipStatus[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [filter, setFilter] = useState<MemberSearchInput | null>(null);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [{ data, fetching, error }] = useQuery({
    query: PoolSearchDocument,
    variables: { filter, first: PAGE, after },
    pause: filter === null,
    requestPolicy: "network-only",
  });
  const set = (key: keyof typeof emptyForm) => (e: { target: { value: string } }) => setForm((old) => ({ ...old, [key]: e.target.value }));
  const toggle = <T,>(setter: (f: (old: T[]) => T[]) => void, value: T, on: boolean) =>
    setter((old) => (on ? [...old, value] : old.filter((x) => x !== value)));
  const fieldErrors = fieldErrorsOf(error);
  const errorsAt = (path: string) => fieldErrors.filter((e) => e.field.replace(/^input\.|^filter\./, "").startsWith(path));

  const search = (event: FormEvent) => {
    event.preventDefault();
    const next: MemberSearchInput = {
      name: form.name.trim() || null,
      networkId: form.networkId || null,
      municipalities: list(form.municipalities).length ? list(form.municipalities) : null,
      languages: list(form.languages).length ? list(form.languages) : null,
      competences: list(form.competences).length ? list(form.competences) : null,
      perspectives: perspectives.length ? perspectives : null,
      ageBands: ageBands.length ? ageBands : null,
      statuses: statuses.length ? statuses : null,
      experienceTagKeys: tags.length ? tags : null,
      trained: triValue(form.trained),
      neverInvited: triValue(form.neverInvited),
      neverAssigned: triValue(form.neverAssigned),
      lastInvitedAfter: instant(form.lastInvitedAfter),
      lastInvitedBefore: instant(form.lastInvitedBefore),
      lastAssignmentAfter: instant(form.lastAssignmentAfter),
      lastAssignmentBefore: instant(form.lastAssignmentBefore),
    };
    setFilter(next);
    setCursors([null]);
  };
  const clear = () => {
    setForm(emptyForm);
    setPerspectives([]);
    setAgeBands([]);
    setStatuses([]);
    setTags([]);
    setFilter(null);
    setCursors([null]);
  };

  const checkboxes = <T extends string>(
    legend: MessageKey,
    values: readonly T[],
    chosen: T[],
    setter: (f: (old: T[]) => T[]) => void,
    label: (value: T) => string,
    idPrefix: string,
  ) => (
    <fieldset>
      <legend>{t(legend)}</legend>
      {values.map((value) => (
        <div className="choice" key={value}>
          <input
            type="checkbox"
            id={`${idPrefix}-${value}`}
            checked={chosen.includes(value)}
            onChange={(e) => toggle(setter, value, e.target.checked)}
          />
          <label htmlFor={`${idPrefix}-${value}`}>{label(value)}</label>
        </div>
      ))}
    </fieldset>
  );
  const tri = (key: "trained" | "neverInvited" | "neverAssigned", label: MessageKey, yes: MessageKey, no: MessageKey) => (
    <Field id={`p-${key}`} label={t(label)}>
      {(control) => (
        <select {...control} value={form[key]} onChange={set(key)}>
          <option value="">{t("coordAny")}</option>
          <option value="true">{t(yes)}</option>
          <option value="false">{t(no)}</option>
        </select>
      )}
    </Field>
  );
  const date = (key: "lastInvitedAfter" | "lastInvitedBefore" | "lastAssignmentAfter" | "lastAssignmentBefore", label: MessageKey) => (
    <Field id={`p-${key}`} label={t(label)} errors={errorsAt(key)}>
      {(control) => <input {...control} type="date" value={form[key]} onChange={set(key)} />}
    </Field>
  );

  const taxonomy = (options?.me?.tenant?.experienceTaxonomy ?? []).flatMap((tag) => [tag, ...tag.children]);
  const result = data?.members;
  const page = cursors.length;

  return (
    <>
      <h1>{t("coordPool")}</h1>
      <p>{t("coordPoolIntro")}</p>
      <ErrorSummary
        errors={fieldErrors.map((e) => ({ message: e.message, target: `p-${e.field.replace(/^input\.|^filter\./, "").split(/[.[]/)[0]}` }))}
        title={t("errorSummary")}
      />
      <form onSubmit={search} aria-label={t("coordPool")}>
        <Field id="p-name" label={t("coordName")} errors={errorsAt("name")}>
          {(control) => <input {...control} value={form.name} onChange={set("name")} />}
        </Field>
        {networks.length > 1 ? (
          <Field id="p-networkId" label={t("networkLabel")}>
            {(control) => (
              <select {...control} value={form.networkId} onChange={set("networkId")}>
                <option value="">{t("coordAny")}</option>
                {networks.map((network) => (
                  <option key={network.id} value={network.id}>
                    {network.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {checkboxes(
          "coordPerspectives",
          PERSPECTIVES,
          perspectives,
          setPerspectives,
          (p) => t(`perspective${p}` as MessageKey),
          "p-perspective",
        )}
        {taxonomy.length
          ? checkboxes(
              "coordExperiences",
              taxonomy.map((tag) => tag.key),
              tags,
              setTags,
              (key) => taxonomy.find((tag) => tag.key === key)?.label ?? key,
              "p-tag",
            )
          : null}
        <Field id="p-municipalities" label={t("coordMunicipalities")} hint={t("coordCommaHint")} errors={errorsAt("municipalities")}>
          {(control) => <input {...control} value={form.municipalities} onChange={set("municipalities")} />}
        </Field>
        {checkboxes("coordAgeBands", AGE_BANDS, ageBands, setAgeBands, (band) => t(`coordAgeBand${band}` as MessageKey), "p-age")}
        <Field id="p-competences" label={t("coordCompetences")} hint={t("coordCommaHint")} errors={errorsAt("competences")}>
          {(control) => <input {...control} value={form.competences} onChange={set("competences")} />}
        </Field>
        <Field id="p-languages" label={t("coordLanguages")} hint={t("coordLanguagesHint")} errors={errorsAt("languages")}>
          {(control) => <input {...control} value={form.languages} onChange={set("languages")} />}
        </Field>
        {checkboxes("coordStatuses", STATUSES, statuses, setStatuses, (status) => t(`coordStatus${status}` as MessageKey), "p-status")}
        {tri("trained", "coordTrained", "coordTrainedYes", "coordTrainedNo")}
        {tri("neverInvited", "coordNeverInvited", "coordNeverInvitedYes", "coordNeverInvitedNo")}
        {tri("neverAssigned", "coordNeverAssigned", "coordNeverAssignedYes", "coordNeverAssignedNo")}
        {date("lastInvitedAfter", "coordLastInvitedAfter")}
        {date("lastInvitedBefore", "coordLastInvitedBefore")}
        {date("lastAssignmentAfter", "coordLastAssignmentAfter")}
        {date("lastAssignmentBefore", "coordLastAssignmentBefore")}
        <p>
          <button type="submit">{t("coordSearch")}</button>{" "}
          <button type="button" className="secondary" onClick={clear}>
            {t("coordClear")}
          </button>
        </p>
      </form>
      {error && !fieldErrors.length ? <p role="alert">{error.graphQLErrors[0]?.message ?? error.message}</p> : null}
      {filter !== null && fetching && !data ? <p aria-live="polite">{t("loading")}</p> : null}
      {result ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" aria-live="polite">
            {t("coordResults", { count: result.totalCount })}
          </h2>
          {result.nodes.length === 0 ? (
            <p>{t("coordNoResults")}</p>
          ) : (
            <ScrollableTable
              label={t("coordResults", { count: result.totalCount })}
              head={
                <>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("municipality")}</th>
                  <th scope="col">{t("coordAgeBands")}</th>
                  <th scope="col">{t("coordPerspectives")}</th>
                  <th scope="col">{t("coordExperiences")}</th>
                  <th scope="col">{t("status")}</th>
                </>
              }
            >
              {result.nodes.map((member) => (
                <tr key={member.id}>
                  <td>
                    <Link to={`/members/${member.id}`}>
                      {member.givenName} {member.familyName}
                    </Link>
                  </td>
                  <td>{member.municipality ?? "–"}</td>
                  <td>{member.ageBand ? t(`coordAgeBand${member.ageBand}` as MessageKey) : "–"}</td>
                  <td>{member.perspectives.map((p) => t(`perspective${p}` as MessageKey)).join(", ")}</td>
                  <td>{member.experiences.map((e) => e.label).join(", ")}</td>
                  <td>
                    {member.memberships.map((m) => `${m.network?.name ?? ""}: ${t(`coordStatus${m.status}` as MessageKey)}`).join("; ")}
                  </td>
                </tr>
              ))}
            </ScrollableTable>
          )}
          <nav aria-label={t("coordPage", { page })} className="pager">
            <p>{t("coordPage", { page })}</p>
            {page > 1 ? (
              <button type="button" className="secondary" onClick={() => setCursors((old) => old.slice(0, -1))}>
                {t("coordPreviousPage")}
              </button>
            ) : null}{" "}
            {result.pageInfo.hasNextPage && result.pageInfo.endCursor ? (
              <button type="button" onClick={() => setCursors((old) => [...old, result.pageInfo.endCursor as string])}>
                {t("coordNextPage")}
              </button>
            ) : null}
          </nav>
        </section>
      ) : null}
    </>
  );
}
