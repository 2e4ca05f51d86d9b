import { type FormEvent, type ReactNode, useState } from "react";
import { useMutation } from "urql";
import { DownloadButton } from "../../components/download";
import { ErrorSummary, Field, type Report, StatusReport } from "../../components/field";
import { graphql } from "../../generated";
import type { IntakeAppointmentOutcome, IntakeMemberQuery, MembershipStatus } from "../../generated/graphql";
import { type FieldError, fieldErrorsOf } from "../../graphql/errors";
import { formatDate, type MessageKey, useI18n } from "../../i18n";
import { toInstant, toLocalInput } from "../../intake/local-time";
import { movesFrom } from "../../intake/requirements";
import { coordMessages } from "../../messages/coordinator";

// The introduction meeting of one membership as the coordinator handles it (Kalmar: "utvecklingsledaren ringer upp
// personen och bokar in ett möte för introduktion"): book it with a time and a place, a phone call or a video link;
// move it to another time (the earlier ones are kept); record how it went — held (and, where the network's rules
// allow, the membership moved on at once), the person did not come, or cancelled. Every refusal of the API is shown at
// its field or as an alert, and what was typed stays.

const BookIntakeAppointmentDocument = graphql(`
  mutation BookIntakeAppointment($input: BookIntakeAppointmentInput!) {
    bookIntakeAppointment(input: $input) {
      appointment { id status startsAt }
      membership { id status version }
      statusNotChangedBecause { message }
      errors { __typename ... on ErrorResult { message } ... on InvalidIntakeInput { field } }
    }
  }
`);

const RescheduleIntakeAppointmentDocument = graphql(`
  mutation RescheduleIntakeAppointment($input: RescheduleIntakeAppointmentInput!) {
    rescheduleIntakeAppointment(input: $input) {
      appointment { id status startsAt version }
      errors { __typename ... on ErrorResult { message } ... on InvalidIntakeInput { field } }
    }
  }
`);

const RecordIntakeAppointmentOutcomeDocument = graphql(`
  mutation RecordIntakeAppointmentOutcome($input: RecordIntakeAppointmentOutcomeInput!) {
    recordIntakeAppointmentOutcome(input: $input) {
      appointment { id status version }
      membership { id status version }
      errors { __typename ... on ErrorResult { message } ... on InvalidIntakeInput { field } }
    }
  }
`);

type MembershipView = NonNullable<IntakeMemberQuery["member"]>["memberships"][number];
type AppointmentView = NonNullable<MembershipView["intakeAppointments"]>[number];
type Kind = "PLACE" | "PHONE" | "VIDEO";
const KINDS: readonly Kind[] = ["PLACE", "PHONE", "VIDEO"];
const OUTCOMES: readonly IntakeAppointmentOutcome[] = ["HELD", "NO_SHOW", "CANCELLED"];

/**
 * The API records a meeting's place as free text or a video link. A phone meeting is booked with the place "Per
 * telefon" ("By phone"), the words the member reads in the booking e-mail; that text is how it is recognised again.
 */
const PHONE_PLACES = [coordMessages.sv.coordAppointmentKindPHONE, coordMessages.en.coordAppointmentKindPHONE];
const kindOf = (appointment: { place?: string | null; digitalLink?: string | null }): Kind =>
  appointment.digitalLink ? "VIDEO" : appointment.place && PHONE_PLACES.includes(appointment.place) ? "PHONE" : "PLACE";
const isOpen = (appointment: AppointmentView) => appointment.status === "BOOKED" || appointment.status === "RESCHEDULED";

type PayloadError = { __typename?: string; message?: string; field?: string };

/** Splits a payload's errors and a GraphQL error into field errors (InvalidIntakeInput, BAD_USER_INPUT) and the rest. */
function sortErrors(
  payloadErrors: ReadonlyArray<PayloadError> | undefined,
  error: Parameters<typeof fieldErrorsOf>[0],
  fallback: string,
): { fields: FieldError[]; other: string[] } {
  const fields = fieldErrorsOf(error);
  const other: string[] = [];
  if (error && !fields.length) other.push(error.graphQLErrors[0]?.message ?? fallback);
  for (const failure of payloadErrors ?? []) {
    if (failure.__typename === "InvalidIntakeInput" && failure.field) {
      fields.push({ field: failure.field, code: "INVALID", message: failure.message ?? fallback });
    } else other.push(failure.message ?? failure.__typename ?? fallback);
  }
  return { fields, other };
}

const pathOf = (error: FieldError) => error.field.replace(/^input\./, "");

/** When and where, as the coordinator and the member read it. */
function When({ appointment }: { appointment: { startsAt: string; endsAt?: string | null } }) {
  const { language } = useI18n();
  const end = appointment.endsAt ? new Date(appointment.endsAt) : null;
  const endText = end
    ? new Intl.DateTimeFormat(language === "sv" ? "sv-SE" : "en-GB", { timeStyle: "short", timeZone: "Europe/Stockholm" }).format(end)
    : null;
  return (
    <>
      {formatDate(appointment.startsAt, language, true)}
      {endText ? `–${endText}` : ""}
    </>
  );
}

function Where({ appointment }: { appointment: { place?: string | null; digitalLink?: string | null } }) {
  const { t } = useI18n();
  if (appointment.digitalLink) {
    return (
      <>
        {t("coordAppointmentKindVIDEO")}: <a href={appointment.digitalLink}>{appointment.digitalLink}</a>
      </>
    );
  }
  return <>{appointment.place ?? t("coordAppointmentNoPlace")}</>;
}

export function IntakeAppointmentSection({
  membership,
  memberName,
  onChange,
}: {
  membership: MembershipView;
  memberName: string;
  onChange(): void;
}) {
  const { t, language } = useI18n();
  // The report outlives the form that made it: a booked meeting replaces the booking form, a recorded outcome the
  // outcome form.
  const [report, setReport] = useState<Report>(null);
  const appointments = membership.intakeAppointments ?? [];
  const open = appointments.find(isOpen) ?? null;
  const earlier = appointments.filter((appointment) => appointment !== open);
  const closed = membership.status === "WITHDRAWN" || membership.status === "ERASED";
  const headingId = `appointment-heading-${membership.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t("coordAppointmentHeading")}</h3>
      <StatusReport report={report} />
      {open ? (
        <>
          <dl className="facts" data-testid={`appointment-${membership.id}`}>
            <dt>{t("status")}</dt>
            <dd>{t(`coordAppointmentStatus${open.status}` as MessageKey)}</dd>
            <dt>{t("coordAppointmentWhen")}</dt>
            <dd>
              <When appointment={open} />
            </dd>
            <dt>{t("coordAppointmentWhere")}</dt>
            <dd>
              <Where appointment={open} />
            </dd>
            {open.note ? (
              <>
                <dt>{t("coordAppointmentNote")}</dt>
                <dd>{open.note}</dd>
              </>
            ) : null}
          </dl>
          {open.previousTimes.length ? (
            <>
              <h4>{t("coordAppointmentPreviousTimes")}</h4>
              <ul>
                {open.previousTimes.map((time) => (
                  <li key={time.movedAt}>
                    <When appointment={time} /> ({t("coordAppointmentMovedAt", { date: formatDate(time.movedAt, language, true) })})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <DownloadButton
              kind="INTAKE_APPOINTMENT_CALENDAR"
              subjectId={open.id}
              label={t("coordAppointmentCalendar")}
              name={memberName}
            />
          </p>
          <OutcomeForm key={`outcome-${open.id}`} appointment={open} membership={membership} onDone={setReport} onChange={onChange} />
          <details>
            <summary>{t("coordAppointmentReschedule")}</summary>
            <RescheduleForm key={`reschedule-${open.id}`} appointment={open} onDone={setReport} onChange={onChange} />
          </details>
        </>
      ) : (
        <>
          <p>{t("coordAppointmentNone")}</p>
          {closed ? null : <BookForm membership={membership} onDone={setReport} onChange={onChange} />}
        </>
      )}
      {earlier.length ? (
        <details>
          <summary>{t("coordAppointmentEarlier")}</summary>
          <ul>
            {earlier.map((appointment) => (
              <li key={appointment.id}>
                <When appointment={appointment} />, <Where appointment={appointment} />:{" "}
                {t(`coordAppointmentStatus${appointment.status}` as MessageKey)}
                {appointment.note ? ` – ${appointment.note}` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

interface TimeValues {
  startsAt: string;
  endsAt: string;
  kind: Kind;
  place: string;
  digitalLink: string;
  note: string;
}

const placeOf = (values: TimeValues, phonePlace: string): string | null =>
  values.kind === "VIDEO" ? null : values.kind === "PHONE" ? phonePlace : values.place.trim() || null;
const linkOf = (values: TimeValues): string | null => (values.kind === "VIDEO" ? values.digitalLink.trim() || null : null);

/** Time, end, how and where, and the note: the fields a booking and a reschedule share. */
function TimeFields({
  prefix,
  values,
  set,
  errorsAt,
}: {
  prefix: string;
  values: TimeValues;
  set(patch: Partial<TimeValues>): void;
  errorsAt(path: string): FieldError[];
}) {
  const { t } = useI18n();
  return (
    <>
      <Field id={`${prefix}-startsAt`} label={t("coordStarts")} required errors={errorsAt("startsAt")}>
        {(control) => (
          <input {...control} type="datetime-local" value={values.startsAt} onChange={(e) => set({ startsAt: e.target.value })} />
        )}
      </Field>
      <Field id={`${prefix}-endsAt`} label={t("coordEnds")} hint={t("coordAppointmentEndsHint")} errors={errorsAt("endsAt")}>
        {(control) => <input {...control} type="datetime-local" value={values.endsAt} onChange={(e) => set({ endsAt: e.target.value })} />}
      </Field>
      <fieldset>
        <legend>{t("coordAppointmentKind")}</legend>
        {KINDS.map((kind) => (
          <div className="choice" key={kind}>
            <input
              type="radio"
              name={`${prefix}-kind`}
              id={`${prefix}-kind-${kind}`}
              checked={values.kind === kind}
              onChange={() => set({ kind })}
            />
            <label htmlFor={`${prefix}-kind-${kind}`}>{t(`coordAppointmentKind${kind}` as MessageKey)}</label>
          </div>
        ))}
      </fieldset>
      {values.kind === "PLACE" ? (
        <Field id={`${prefix}-place`} label={t("coordAppointmentPlace")} errors={errorsAt("place")}>
          {(control) => <input {...control} value={values.place} onChange={(e) => set({ place: e.target.value })} />}
        </Field>
      ) : values.kind === "VIDEO" ? (
        <Field id={`${prefix}-digitalLink`} label={t("coordLink")} errors={errorsAt("digitalLink")}>
          {(control) => <input {...control} type="url" value={values.digitalLink} onChange={(e) => set({ digitalLink: e.target.value })} />}
        </Field>
      ) : (
        <p className="hint">{t("coordAppointmentPhoneHint")}</p>
      )}
      <Field id={`${prefix}-note`} label={t("coordAppointmentNote")} errors={errorsAt("note")}>
        {(control) => <textarea {...control} rows={2} value={values.note} onChange={(e) => set({ note: e.target.value })} />}
      </Field>
    </>
  );
}

/** The form state and its errors, shared by booking and rescheduling. */
function useTimeForm(prefix: string, initial: TimeValues) {
  const { t } = useI18n();
  const [values, setValues] = useState<TimeValues>(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string[]>([]);
  const set = (patch: Partial<TimeValues>) => setValues((old) => ({ ...old, ...patch }));
  const errorsAt = (path: string) => errors.filter((error) => pathOf(error) === path);
  const known = ["startsAt", "endsAt", "place", "digitalLink", "note"];
  const summary = [
    ...errors.map((error) => ({
      message: error.message,
      ...(known.includes(pathOf(error)) ? { target: `${prefix}-${pathOf(error)}` } : {}),
    })),
    ...failure.map((message) => ({ message })),
  ];
  /** The start is the one thing the API cannot do without; said at its field before anything is sent. */
  const checkStart = (): string | null => {
    const startsAt = toInstant(values.startsAt);
    if (!startsAt) {
      setErrors([{ field: "input.startsAt", code: "REQUIRED", message: t("coordAppointmentStartRequired") }]);
      setFailure([]);
    }
    return startsAt;
  };
  return { values, set, errors, setErrors, failure, setFailure, errorsAt, summary, checkStart };
}

function BookForm({ membership, onDone, onChange }: { membership: MembershipView; onDone(report: Report): void; onChange(): void }) {
  const { t } = useI18n();
  const [state, book] = useMutation(BookIntakeAppointmentDocument);
  const prefix = `book-${membership.id}`;
  const form = useTimeForm(prefix, { startsAt: "", endsAt: "", kind: "PLACE", place: "", digitalLink: "", note: "" });
  const statusLabel = (status: MembershipStatus) => t(`coordStatus${status}` as MessageKey);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startsAt = form.checkStart();
    if (!startsAt) return;
    const { values } = form;
    const result = await book({
      input: {
        membershipId: membership.id,
        startsAt,
        endsAt: toInstant(values.endsAt),
        place: placeOf(values, t("coordAppointmentKindPHONE")),
        digitalLink: linkOf(values),
        note: values.note.trim() || null,
      },
    });
    const payload = result.data?.bookIntakeAppointment;
    const { fields, other } = sortErrors(payload?.errors, result.error, t("errorGeneric"));
    form.setErrors(fields);
    form.setFailure(other);
    if (payload?.appointment) {
      const kept = payload.statusNotChangedBecause.map((reason) => reason.message);
      onDone(
        kept.length
          ? {
              kind: "info",
              text: t("coordAppointmentStatusKept", { status: statusLabel(payload.membership?.status ?? membership.status) }),
              details: kept,
            }
          : { kind: "success", text: t("coordAppointmentBooked") },
      );
    }
    onChange();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h4 id={`${prefix}-heading`}>{t("coordAppointmentBookHeading")}</h4>
      <ErrorSummary errors={form.summary} title={t("errorSummary")} />
      <TimeFields prefix={prefix} values={form.values} set={form.set} errorsAt={form.errorsAt} />
      <button type="submit" disabled={state.fetching}>
        {t("coordAppointmentBook")}
      </button>
    </form>
  );
}

function RescheduleForm({
  appointment,
  onDone,
  onChange,
}: {
  appointment: AppointmentView;
  onDone(report: Report): void;
  onChange(): void;
}) {
  const { t, language } = useI18n();
  const [state, reschedule] = useMutation(RescheduleIntakeAppointmentDocument);
  const prefix = `reschedule-${appointment.id}`;
  const kind = kindOf(appointment);
  const form = useTimeForm(prefix, {
    startsAt: toLocalInput(appointment.startsAt),
    endsAt: toLocalInput(appointment.endsAt),
    kind,
    place: kind === "PLACE" ? (appointment.place ?? "") : "",
    digitalLink: appointment.digitalLink ?? "",
    note: appointment.note ?? "",
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startsAt = form.checkStart();
    if (!startsAt) return;
    const { values } = form;
    const result = await reschedule({
      input: {
        appointmentId: appointment.id,
        expectedVersion: appointment.version,
        startsAt,
        endsAt: toInstant(values.endsAt),
        // Both are sent: the one not chosen is cleared (a meeting moved from a room to video has no room left).
        place: placeOf(values, t("coordAppointmentKindPHONE")),
        digitalLink: linkOf(values),
        note: values.note.trim(),
      },
    });
    const payload = result.data?.rescheduleIntakeAppointment;
    const { fields, other } = sortErrors(payload?.errors, result.error, t("errorGeneric"));
    form.setErrors(fields);
    form.setFailure(other);
    if (payload?.appointment) {
      onDone({
        kind: "success",
        text: t("coordAppointmentRescheduled", { time: formatDate(payload.appointment.startsAt, language, true) }),
      });
    }
    onChange();
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={form.summary} title={t("errorSummary")} />
      <TimeFields prefix={prefix} values={form.values} set={form.set} errorsAt={form.errorsAt} />
      <button type="submit" disabled={state.fetching}>
        {t("coordAppointmentRescheduleSubmit")}
      </button>
    </form>
  );
}

function OutcomeForm({
  appointment,
  membership,
  onDone,
  onChange,
}: {
  appointment: AppointmentView;
  membership: MembershipView;
  onDone(report: Report): void;
  onChange(): void;
}) {
  const { t } = useI18n();
  const [state, record] = useMutation(RecordIntakeAppointmentOutcomeDocument);
  const prefix = `outcome-${appointment.id}`;
  const [outcome, setOutcome] = useState<IntakeAppointmentOutcome | "">("");
  const [moveTo, setMoveTo] = useState<MembershipStatus | "">("");
  const [note, setNote] = useState(appointment.note ?? "");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [refusal, setRefusal] = useState<Report>(null);
  const moves = movesFrom(membership.status).filter((status) => status !== "WITHDRAWN");
  const errorsAt = (path: string) => errors.filter((error) => pathOf(error) === path);
  const outcomeErrors = errorsAt("outcome");
  const statusLabel = (status: MembershipStatus) => t(`coordStatus${status}` as MessageKey);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) {
      setErrors([{ field: "input.outcome", code: "REQUIRED", message: t("coordAppointmentOutcomeRequired") }]);
      setRefusal(null);
      return;
    }
    const result = await record({
      input: {
        appointmentId: appointment.id,
        expectedVersion: appointment.version,
        outcome,
        moveMembershipTo: outcome === "HELD" && moveTo ? moveTo : null,
        note: note.trim(),
      },
    });
    const payload = result.data?.recordIntakeAppointmentOutcome;
    const { fields, other } = sortErrors(payload?.errors, result.error, t("errorGeneric"));
    setErrors(fields);
    setRefusal(other.length ? { kind: "error", text: t("coordRefused"), details: other } : null);
    if (payload?.appointment) {
      const done = t("coordAppointmentOutcomeRecorded", { outcome: t(`coordAppointmentOutcome${outcome}` as MessageKey) });
      const moved = payload.membership && payload.membership.status !== membership.status;
      onDone({
        kind: "success",
        text: moved && payload.membership ? `${done} ${t("coordMoved", { status: statusLabel(payload.membership.status) })}` : done,
      });
    }
    onChange();
  };

  const errorLine = (id: string, list: FieldError[]): ReactNode =>
    list.length ? (
      <p className="error" id={`${id}-error`}>
        {list.map((error) => error.message).join(" ")}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h4 id={`${prefix}-heading`}>{t("coordAppointmentOutcomeHeading")}</h4>
      <StatusReport report={refusal} />
      <fieldset
        id={`${prefix}-outcome`}
        aria-describedby={outcomeErrors.length ? `${prefix}-outcome-error` : undefined}
        className={outcomeErrors.length ? "has-error" : undefined}
      >
        <legend>
          {t("coordAppointmentOutcome")}
          <span className="required">
            {" "}
            *<span className="visually-hidden"> ({t("required")})</span>
          </span>
        </legend>
        {errorLine(`${prefix}-outcome`, outcomeErrors)}
        {OUTCOMES.map((value) => (
          <div className="choice" key={value}>
            <input
              type="radio"
              name={`${prefix}-outcome`}
              id={`${prefix}-outcome-${value}`}
              checked={outcome === value}
              aria-invalid={outcomeErrors.length ? true : undefined}
              onChange={() => setOutcome(value)}
            />
            <label htmlFor={`${prefix}-outcome-${value}`}>{t(`coordAppointmentOutcome${value}` as MessageKey)}</label>
          </div>
        ))}
      </fieldset>
      {outcome === "HELD" && moves.length ? (
        <Field id={`${prefix}-moveMembershipTo`} label={t("coordAppointmentMoveTo")} errors={errorsAt("moveMembershipTo")}>
          {(control) => (
            <select {...control} value={moveTo} onChange={(e) => setMoveTo(e.target.value as MembershipStatus | "")}>
              <option value="">{t("coordAppointmentMoveNone")}</option>
              {moves.map((status) => (
                <option key={status} value={status}>
                  {statusLabel(status)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field id={`${prefix}-note`} label={t("coordAppointmentNote")} errors={errorsAt("note")}>
        {(control) => <textarea {...control} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" disabled={state.fetching}>
        {t("coordAppointmentRecordOutcome")}
      </button>
    </form>
  );
}
