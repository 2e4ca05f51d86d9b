import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { useViewer } from "../app";
import { ErrorSummary, Field, Status } from "../components/field";
import { graphql } from "../generated";
import type { TrainingFormat, TrainingSessionsQuery } from "../generated/graphql";
import { type FieldError, fieldErrorsOf } from "../graphql/errors";
import { formatDate, type MessageKey, useI18n } from "../i18n";
import { coordinatedNetworks } from "../intake/networks";

// The coordinator's introduction and training sessions: the list (upcoming, or all), a new session, and per session
// who holds a place or waits, with attendance once it has started (attending counts as trained; the API moves the
// membership on where the network's rules allow).

const TrainingSessionsDocument = graphql(`
  query TrainingSessions($upcomingOnly: Boolean!) {
    trainingSessions(upcomingOnly: $upcomingOnly, first: 30) {
      nodes {
        id
        title
        startsAt
        endsAt
        format
        place
        digitalLink
        capacity
        placesLeft
        enrolledCount
        waitlistedCount
        cancelledAt
        network { id name }
        enrolments(first: 30) {
          nodes { id status waitlistPosition attended attendanceRecordedAt participant { id givenName familyName } }
        }
      }
    }
  }
`);

const CreateTrainingSessionDocument = graphql(`
  mutation CreateTrainingSession($input: CreateTrainingSessionInput!) {
    createTrainingSession(input: $input) {
      session { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const RecordTrainingAttendanceDocument = graphql(`
  mutation RecordTrainingAttendance($input: RecordTrainingAttendanceInput!) {
    recordTrainingAttendance(input: $input) {
      enrolment { id attended }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type SessionView = NonNullable<TrainingSessionsQuery["trainingSessions"]>["nodes"][number];

export function TrainingSessionsPage() {
  const { t } = useI18n();
  const [includePast, setIncludePast] = useState(false);
  const [{ data, error }, refetch] = useQuery({
    query: TrainingSessionsDocument,
    variables: { upcomingOnly: !includePast },
    requestPolicy: "network-only",
  });
  const refresh = () => refetch({ requestPolicy: "network-only" });
  const sessions = [...(data?.trainingSessions?.nodes ?? [])].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return (
    <>
      <p>
        <Link to="/intake">← {t("intakeTitle")}</Link>
      </p>
      <h1>{t("coordSessions")}</h1>
      <p>{t("coordSessionsIntro")}</p>
      <NewSession onCreated={() => setIncludePast(true)} onChange={refresh} />
      <h2>{t("coordSessions")}</h2>
      <div className="choice">
        <input type="checkbox" id="include-past" checked={includePast} onChange={(e) => setIncludePast(e.target.checked)} />
        <label htmlFor="include-past">{t("coordIncludePast")}</label>
      </div>
      {error ? <p role="alert">{error.message}</p> : null}
      {data && sessions.length === 0 ? <p>{t("none")}</p> : null}
      {sessions.map((session) => (
        <SessionCard key={session.id} session={session} onChange={refresh} />
      ))}
    </>
  );
}

/** A `datetime-local` value read as the browser's local time, as an ISO instant; empty stays null. */
function toInstant(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function NewSession({ onCreated, onChange }: { onCreated(): void; onChange(): void }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const networks = coordinatedNetworks(viewer);
  const [, create] = useMutation(CreateTrainingSessionDocument);
  const [form, setForm] = useState({
    networkId: networks[0]?.id ?? "",
    title: "",
    format: "DIGITAL" as TrainingFormat,
    startsAt: "",
    endsAt: "",
    place: "",
    digitalLink: "",
    capacity: "20",
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((old) => ({ ...old, [key]: e.target.value }));
  const errorsAt = (path: string) => errors.filter((error) => error.field.replace(/^input\./, "") === path);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({
      input: {
        networkId: form.networkId,
        title: form.title,
        format: form.format,
        startsAt: toInstant(form.startsAt) as string,
        endsAt: toInstant(form.endsAt) as string,
        place: form.format === "IN_PERSON" ? form.place || null : null,
        digitalLink: form.format === "DIGITAL" ? form.digitalLink || null : null,
        capacity: Number(form.capacity),
      },
    });
    const found = fieldErrorsOf(result.error);
    setErrors(found);
    const payload = result.data?.createTrainingSession;
    if (found.length) setMessage(null);
    else if (result.error) setMessage({ kind: "error", text: result.error.graphQLErrors[0]?.message ?? t("errorGeneric") });
    else if (payload?.errors.length) setMessage({ kind: "error", text: payload.errors.map((e) => e.message).join(" ") });
    else {
      setMessage({ kind: "success", text: t("coordSessionCreated") });
      setForm((old) => ({ ...old, title: "", startsAt: "", endsAt: "", place: "", digitalLink: "" }));
      onCreated();
    }
    onChange();
  };
  const summary = errors.map((error) => ({ message: error.message, target: `s-${error.field.replace(/^input\./, "")}` }));
  return (
    <section aria-labelledby="new-session-heading">
      <h2 id="new-session-heading">{t("coordCreateSession")}</h2>
      <ErrorSummary errors={summary} title={t("errorSummary")} />
      {message ? <Status kind={message.kind}>{message.text}</Status> : null}
      <form onSubmit={submit} noValidate>
        {networks.length > 1 ? (
          <Field id="s-networkId" label={t("networkLabel")} errors={errorsAt("networkId")}>
            {(control) => (
              <select {...control} value={form.networkId} onChange={set("networkId")}>
                {networks.map((network) => (
                  <option key={network.id} value={network.id}>
                    {network.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field id="s-title" label={t("coordSessionTitle")} required errors={errorsAt("title")}>
          {(control) => <input {...control} value={form.title} onChange={set("title")} />}
        </Field>
        <fieldset>
          <legend>{t("coordFormat")}</legend>
          {(["DIGITAL", "IN_PERSON"] as const).map((format) => (
            <div className="choice" key={format}>
              <input
                type="radio"
                name="format"
                id={`s-format-${format}`}
                checked={form.format === format}
                onChange={() => setForm((old) => ({ ...old, format }))}
              />
              <label htmlFor={`s-format-${format}`}>{t(`coordFormat${format}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <Field id="s-startsAt" label={t("coordStarts")} required errors={errorsAt("startsAt")}>
          {(control) => <input {...control} type="datetime-local" value={form.startsAt} onChange={set("startsAt")} />}
        </Field>
        <Field id="s-endsAt" label={t("coordEnds")} required errors={errorsAt("endsAt")}>
          {(control) => <input {...control} type="datetime-local" value={form.endsAt} onChange={set("endsAt")} />}
        </Field>
        {form.format === "IN_PERSON" ? (
          <Field id="s-place" label={t("coordPlace")} required errors={errorsAt("place")}>
            {(control) => <input {...control} value={form.place} onChange={set("place")} />}
          </Field>
        ) : (
          <Field id="s-digitalLink" label={t("coordLink")} required errors={errorsAt("digitalLink")}>
            {(control) => <input {...control} type="url" value={form.digitalLink} onChange={set("digitalLink")} />}
          </Field>
        )}
        <Field id="s-capacity" label={t("coordCapacity")} required errors={errorsAt("capacity")}>
          {(control) => <input {...control} type="number" inputMode="numeric" min={1} value={form.capacity} onChange={set("capacity")} />}
        </Field>
        <button type="submit">{t("coordCreateSession")}</button>
      </form>
    </section>
  );
}

function SessionCard({ session, onChange }: { session: SessionView; onChange(): void }) {
  const { t, language } = useI18n();
  const [, record] = useMutation(RecordTrainingAttendanceDocument);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const started = new Date(session.startsAt).getTime() <= Date.now();
  const headingId = `session-${session.id}`;
  const attend = async (enrolmentId: string, attended: boolean) => {
    const result = await record({ input: { enrolmentId, attended } });
    const errors = result.data?.recordTrainingAttendance.errors ?? [];
    const failure = result.error
      ? (result.error.graphQLErrors[0]?.message ?? t("errorGeneric"))
      : errors.length
        ? errors.map((e) => e.message).join(" ")
        : null;
    setMessage(failure ? { kind: "error", text: failure } : { kind: "success", text: t("coordAttendanceSaved") });
    onChange();
  };
  const enrolments = session.enrolments.nodes;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {formatDate(session.startsAt, language, true)} · {session.title}
      </h3>
      <p>
        {session.network?.name} · {t(`coordFormat${session.format}` as MessageKey)}
        {session.place ? ` · ${session.place}` : ""} · {t("coordPlacesLeft")}: {session.placesLeft}/{session.capacity}
        {session.waitlistedCount ? ` · ${t("coordWaitlisted")}: ${session.waitlistedCount}` : ""}
        {session.cancelledAt ? ` · ${t("coordCancelled")}` : ""}
      </p>
      {message ? <Status kind={message.kind}>{message.text}</Status> : null}
      <h4>{t("coordEnrolments")}</h4>
      {enrolments.length === 0 ? <p>{t("coordNoEnrolments")}</p> : null}
      {enrolments.length && !started ? <p className="muted">{t("coordAttendanceAfterStart")}</p> : null}
      <ul>
        {enrolments.map((enrolment) => {
          // An erased member keeps the place in the history, without a name.
          const name = `${enrolment.participant.givenName} ${enrolment.participant.familyName}`.trim() || t("coordNameErased");
          return (
            <li key={enrolment.id}>
              {enrolment.participant.givenName || enrolment.participant.familyName ? (
                <Link to={`/members/${enrolment.participant.id}`}>{name}</Link>
              ) : (
                <span>{name}</span>
              )}
              : {t(`coordEnrolment${enrolment.status}` as MessageKey, { position: enrolment.waitlistPosition ?? "" })}
              {enrolment.attended !== null && enrolment.attended !== undefined ? (
                <strong> · {enrolment.attended ? t("coordAttended") : t("coordAbsent")}</strong>
              ) : null}
              {started && enrolment.status === "ENROLLED" && !session.cancelledAt ? (
                <span className="actions">
                  {" "}
                  <button type="button" onClick={() => attend(enrolment.id, true)} aria-label={t("coordAttendedFor", { name })}>
                    {t("coordAttended")}
                  </button>{" "}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => attend(enrolment.id, false)}
                    aria-label={t("coordAbsentFor", { name })}
                  >
                    {t("coordAbsent")}
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
