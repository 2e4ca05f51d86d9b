import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorSummary, Field, Status } from "../../components/field";
import { graphql } from "../../generated";
import type { FollowUpChannel, MembershipFollowUpsQuery } from "../../generated/graphql";
import { type FieldError, fieldErrorsOf } from "../../graphql/errors";
import { formatDate, type MessageKey, useI18n } from "../../i18n";
import { localDate } from "../../intake/local-time";

// The ongoing follow-up of one membership (Kalmar: "löpande uppföljning per telefon"): the contacts logged, newest
// first, page by page, and a new contact with the day, the channel, a note and when to be in touch next. A next date
// puts the member on the intake queue's list of follow-ups due.

const MembershipFollowUpsDocument = graphql(`
  query MembershipFollowUps($membershipId: ID!, $first: Int!, $after: String) {
    membershipFollowUps(membershipId: $membershipId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id contactedOn channel note nextFollowUpOn recordedAt }
    }
  }
`);

const LogMembershipFollowUpDocument = graphql(`
  mutation LogMembershipFollowUp($input: LogMembershipFollowUpInput!) {
    logMembershipFollowUp(input: $input) {
      followUp { id contactedOn nextFollowUpOn }
      errors { __typename ... on ErrorResult { message } ... on InvalidIntakeInput { field } }
    }
  }
`);

const CHANNELS: readonly FollowUpChannel[] = ["PHONE", "EMAIL", "MEETING", "OTHER"];
const PAGE_SIZE = 20;

export function FollowUpLog({ membershipId }: { membershipId: string }) {
  const { t } = useI18n();
  // The newest page here; older ones, once asked for, each with its own query. A new contact starts the list over
  // (it comes first, and shifts every page).
  const [{ data, error, fetching }, reload] = useQuery({
    query: MembershipFollowUpsDocument,
    variables: { membershipId, first: PAGE_SIZE, after: null },
    requestPolicy: "network-only",
  });
  const [older, setOlder] = useState<string[]>([]);
  const connection = data?.membershipFollowUps;
  const headingId = `follow-up-heading-${membershipId}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t("coordFollowUpHeading")}</h3>
      <p className="muted">{t("coordFollowUpIntro")}</p>
      {error ? <p role="alert">{error.message}</p> : null}
      {!connection && fetching ? <p>{t("loading")}</p> : null}
      {connection && connection.totalCount === 0 ? <p>{t("coordFollowUpNone")}</p> : null}
      {connection?.nodes.length ? (
        <ul className="follow-ups" data-testid={`follow-ups-${membershipId}`}>
          <FollowUpItems connection={connection} last={older.length === 0} onMore={(cursor) => setOlder([cursor])} />
          {older.map((after, index) => (
            <FollowUpPage
              key={after}
              membershipId={membershipId}
              after={after}
              last={index === older.length - 1}
              onMore={(cursor) => setOlder((old) => [...old, cursor])}
            />
          ))}
        </ul>
      ) : null}
      <NewFollowUp
        membershipId={membershipId}
        onLogged={() => {
          setOlder([]);
          reload({ requestPolicy: "network-only" });
        }}
      />
    </section>
  );
}

type FollowUpConnection = NonNullable<MembershipFollowUpsQuery["membershipFollowUps"]>;

/** An older page of the log, fetched when asked for. */
function FollowUpPage({
  membershipId,
  after,
  last,
  onMore,
}: {
  membershipId: string;
  after: string;
  last: boolean;
  onMore(cursor: string): void;
}) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useQuery({
    query: MembershipFollowUpsDocument,
    variables: { membershipId, first: PAGE_SIZE, after },
    requestPolicy: "network-only",
  });
  const connection = data?.membershipFollowUps;
  if (error)
    return (
      <li>
        <p role="alert">{error.message}</p>
      </li>
    );
  if (!connection) return fetching ? <li>{t("loading")}</li> : null;
  return <FollowUpItems connection={connection} last={last} onMore={onMore} />;
}

function FollowUpItems({ connection, last, onMore }: { connection: FollowUpConnection; last: boolean; onMore(cursor: string): void }) {
  const { t, language } = useI18n();
  return (
    <>
      {connection.nodes.map((followUp) => (
        <li key={followUp.id}>
          <strong>{formatDate(followUp.contactedOn, language)}</strong>, {t(`coordFollowUpChannel${followUp.channel}` as MessageKey)}
          {followUp.note ? `: ${followUp.note}` : ""}
          {followUp.nextFollowUpOn ? (
            <>
              {" "}
              <span className="muted">({t("coordFollowUpNextOn", { date: formatDate(followUp.nextFollowUpOn, language) })})</span>
            </>
          ) : null}
        </li>
      ))}
      {last && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
        <li>
          <button type="button" className="secondary" onClick={() => onMore(connection.pageInfo.endCursor as string)}>
            {t("coordFollowUpMore")}
          </button>{" "}
          <span className="muted">{t("coordFollowUpCount", { count: connection.totalCount })}</span>
        </li>
      ) : null}
    </>
  );
}

function NewFollowUp({ membershipId, onLogged }: { membershipId: string; onLogged(): void }) {
  const { t } = useI18n();
  const [state, log] = useMutation(LogMembershipFollowUpDocument);
  const blank = () => ({ contactedOn: localDate(), channel: "PHONE" as FollowUpChannel, note: "", nextFollowUpOn: "" });
  const [values, setValues] = useState(blank);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const prefix = `follow-up-${membershipId}`;
  const pathOf = (error: FieldError) => error.field.replace(/^input\./, "");
  const errorsAt = (path: string) => errors.filter((error) => pathOf(error) === path);
  const known = ["contactedOn", "note", "nextFollowUpOn"];
  const set = (patch: Partial<ReturnType<typeof blank>>) => setValues((old) => ({ ...old, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (!values.contactedOn) {
      setErrors([{ field: "input.contactedOn", code: "REQUIRED", message: t("coordFollowUpContactedOnRequired") }]);
      setFailure([]);
      return;
    }
    const result = await log({
      input: {
        membershipId,
        contactedOn: values.contactedOn,
        channel: values.channel,
        note: values.note.trim() || null,
        nextFollowUpOn: values.nextFollowUpOn || null,
      },
    });
    const payload = result.data?.logMembershipFollowUp;
    const fields = fieldErrorsOf(result.error);
    const other: string[] = result.error && !fields.length ? [result.error.graphQLErrors[0]?.message ?? t("errorGeneric")] : [];
    for (const refusal of payload?.errors ?? []) {
      if (refusal.__typename === "InvalidIntakeInput") fields.push({ field: refusal.field, code: "INVALID", message: refusal.message });
      else other.push(refusal.message);
    }
    setErrors(fields);
    setFailure(other);
    if (payload?.followUp) {
      setValues(blank());
      setDone(true);
      onLogged();
    }
  };

  const summary = [
    ...errors.map((error) => ({
      message: error.message,
      ...(known.includes(pathOf(error)) ? { target: `${prefix}-${pathOf(error)}` } : {}),
    })),
    ...failure.map((message) => ({ message })),
  ];
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h4 id={`${prefix}-heading`}>{t("coordFollowUpNewHeading")}</h4>
      <ErrorSummary errors={summary} title={t("errorSummary")} />
      {done ? <Status kind="success">{t("coordFollowUpLogged")}</Status> : null}
      <Field id={`${prefix}-contactedOn`} label={t("coordFollowUpContactedOn")} required errors={errorsAt("contactedOn")}>
        {(control) => <input {...control} type="date" value={values.contactedOn} onChange={(e) => set({ contactedOn: e.target.value })} />}
      </Field>
      <fieldset>
        <legend>{t("coordFollowUpChannel")}</legend>
        {CHANNELS.map((channel) => (
          <div className="choice" key={channel}>
            <input
              type="radio"
              name={`${prefix}-channel`}
              id={`${prefix}-channel-${channel}`}
              checked={values.channel === channel}
              onChange={() => set({ channel })}
            />
            <label htmlFor={`${prefix}-channel-${channel}`}>{t(`coordFollowUpChannel${channel}` as MessageKey)}</label>
          </div>
        ))}
      </fieldset>
      <Field id={`${prefix}-note`} label={t("coordFollowUpNote")} errors={errorsAt("note")}>
        {(control) => <textarea {...control} rows={3} value={values.note} onChange={(e) => set({ note: e.target.value })} />}
      </Field>
      <Field
        id={`${prefix}-nextFollowUpOn`}
        label={t("coordFollowUpNext")}
        hint={t("coordFollowUpNextHint")}
        errors={errorsAt("nextFollowUpOn")}
      >
        {(control) => (
          <input {...control} type="date" value={values.nextFollowUpOn} onChange={(e) => set({ nextFollowUpOn: e.target.value })} />
        )}
      </Field>
      <button type="submit" disabled={state.fetching}>
        {t("coordFollowUpLog")}
      </button>
    </form>
  );
}
