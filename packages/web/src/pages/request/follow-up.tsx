import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { Field, Status } from "../../components/field";
import { graphql } from "../../generated";
import { formatDate, type MessageKey, useI18n } from "../../i18n";
import { FeedbackItem } from "./feedback";
import { daysSince, errorsAt, type Failure, failureOf } from "./outcome";
import type { RequestView } from "./view";

// The coordinator's follow-up (spec §4.8: "the coordinator follows up and closes the request"; Östergötland's
// coordination function "follows up assignments"). Once the assignment is carried out the follow-up is due: the
// coordinator reads the feedback that came in, records what the follow-up found and so closes the request. The
// other requests of the network still waiting come from `openFollowUps`, longest-waiting first.

const OpenFollowUpsDocument = graphql(`
  query OpenFollowUps($networkId: ID) {
    openFollowUps(networkId: $networkId, first: 6) {
      totalCount
      nodes { id title unitName carriedOutAt }
    }
  }
`);

const RecordFollowUpDocument = graphql(`
  mutation RecordFollowUp($input: RecordFollowUpInput!) {
    recordFollowUp(input: $input) {
      request { id status followedUpAt followUpNote closedAt }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`);

export function FollowUp({ request, onChange }: { request: RequestView; onChange(): void }) {
  const { t, language } = useI18n();
  const [recording, record] = useMutation(RecordFollowUpDocument);
  const [note, setNote] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [recorded, setRecorded] = useState(false);
  const due = request.status === "CARRIED_OUT";
  if (!due && request.status !== "FOLLOWED_UP") return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await record({ input: { requestId: request.id, note } });
    const found = failureOf(result.error, result.data?.recordFollowUp.errors, t("errorGeneric"), { FOLLOW_UP_NOTE_REQUIRED: "note" });
    setFailure(found);
    if (!found) {
      setRecorded(true);
      setNote("");
      onChange();
    }
  };

  return (
    <section aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">{t("reqFollowUpTitle")}</h2>
      {recorded ? <Status kind="success">{t("reqFollowUpRecorded")}</Status> : null}
      {due && request.carriedOutAt ? (
        <p data-testid="follow-up-due">
          <strong>
            {t("reqFollowUpDue", { date: formatDate(request.carriedOutAt, language), days: daysSince(request.carriedOutAt) })}
          </strong>
        </p>
      ) : request.status === "FOLLOWED_UP" && request.followedUpAt ? (
        <>
          <p data-testid="follow-up-done">{t("reqFollowUpDone", { date: formatDate(request.followedUpAt, language) })}</p>
          {request.followUpNote ? <p>{t("reqFollowUpNoteShown", { note: request.followUpNote })}</p> : null}
        </>
      ) : null}
      <h3>{t("reqFollowUpReceived")}</h3>
      {request.feedback.length ? (
        <ul data-testid="feedback-received">
          {request.feedback.map((feedback) => (
            <FeedbackItem key={feedback.id} feedback={feedback} label={t(`reqFeedbackFrom${feedback.author}` as MessageKey)} />
          ))}
        </ul>
      ) : (
        <p>{t("reqFeedbackNone")}</p>
      )}
      {due ? (
        <form onSubmit={submit} noValidate aria-label={t("reqFollowUpRecord")}>
          {failure?.message ? <Status kind="error">{failure.message}</Status> : null}
          <Field
            id="follow-up-note"
            label={t("reqFollowUpNote")}
            hint={t("reqFollowUpNoteHint")}
            required
            errors={errorsAt(failure, "note")}
          >
            {(control) => <textarea {...control} rows={4} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <button type="submit" disabled={recording.fetching}>
            {t("reqFollowUpRecord")}
          </button>
        </form>
      ) : null}
      {due || recorded ? <OtherFollowUps request={request} /> : null}
    </section>
  );
}

/** The network's other requests waiting for their follow-up, so the coordinator can go on to the next. */
function OtherFollowUps({ request }: { request: RequestView }) {
  const { t, language } = useI18n();
  const [{ data }] = useQuery({
    query: OpenFollowUpsDocument,
    variables: { networkId: request.networkId },
    requestPolicy: "cache-and-network",
  });
  if (!data?.openFollowUps) return null;
  const others = data.openFollowUps.nodes.filter((other) => other.id !== request.id).slice(0, 5);
  return (
    <>
      <h3>{t("reqFollowUpOthers")}</h3>
      {others.length ? (
        <ul data-testid="other-follow-ups">
          {others.map((other) => (
            <li key={other.id}>
              <Link to={`/requests/${other.id}`}>
                {t("reqFollowUpOtherItem", {
                  title: other.title,
                  unit: other.unitName,
                  date: other.carriedOutAt ? formatDate(other.carriedOutAt, language) : "–",
                })}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("reqFollowUpOthersNone")}</p>
      )}
    </>
  );
}
