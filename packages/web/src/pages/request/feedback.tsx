import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { Field, Status } from "../../components/field";
import { graphql } from "../../generated";
import { formatDate, type MessageKey, useI18n } from "../../i18n";
import { errorsAt, type Failure, failureOf } from "./outcome";
import type { RequestView } from "./view";

// The unit's feedback after the assignment (seeds/003 step 5: "Efter aktiviteten ger verksamheten återkoppling till
// medverkande och utvecklingsledare"; seeds/001: Levande bibliotek evaluates with the unit). Given once, a rating of
// 1–5 and a comment; the unit then reads its own and the coordinator's (never a participant's: the API decides).

const GiveFeedbackDocument = graphql(`
  mutation GiveFeedback($input: GiveFeedbackInput!) {
    giveFeedback(input: $input) {
      feedback { id author rating comment createdAt givenByYou }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`);

type FeedbackView = RequestView["feedback"][number];
const RATINGS = [1, 2, 3, 4, 5] as const;

/** One piece of feedback as a line: who, the rating, the comment. */
export function FeedbackItem({ feedback, label }: { feedback: FeedbackView; label: string }) {
  const { t, language } = useI18n();
  return (
    <li>
      <strong>{label}</strong> ({formatDate(feedback.createdAt, language)})
      {feedback.rating !== null && feedback.rating !== undefined ? `: ${t("reqFeedbackRatingValue", { rating: feedback.rating })}.` : ""}
      {feedback.comment ? (
        <>
          <br />
          {feedback.comment}
        </>
      ) : null}
    </li>
  );
}

export function UnitFeedback({ request, onChange }: { request: RequestView; onChange(): void }) {
  const { t } = useI18n();
  const [sending, give] = useMutation(GiveFeedbackDocument);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [sent, setSent] = useState(false);
  const after = request.status === "CARRIED_OUT" || request.status === "FOLLOWED_UP";
  const before = request.status === "PARTLY_FILLED" || request.status === "FILLED";
  if (!after && !before) return null;
  const own = request.feedback.find((feedback) => feedback.givenByYou);
  const others = request.feedback.filter((feedback) => !feedback.givenByYou);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await give({ input: { requestId: request.id, rating, comment: comment.trim() || null } });
    const found = failureOf(result.error, result.data?.giveFeedback.errors, t("errorGeneric"));
    setFailure(found);
    if (!found) {
      setSent(true);
      onChange();
    }
  };
  const ratingErrors = errorsAt(failure, "rating");

  return (
    <section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t("reqFeedbackTitle")}</h2>
      {sent ? <Status kind="success">{t("reqFeedbackSent")}</Status> : null}
      {!after ? (
        <p>{t("reqFeedbackAfterCarriedOut")}</p>
      ) : own ? (
        <ul data-testid="feedback-given">
          <FeedbackItem feedback={own} label={t("reqFeedbackByYou")} />
        </ul>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="feedback-heading">
          <p>{t("reqFeedbackIntro")}</p>
          {failure?.message ? <Status kind="error">{failure.message}</Status> : null}
          <fieldset
            className={ratingErrors.length ? "has-error" : undefined}
            aria-describedby={ratingErrors.length ? "feedback-rating-error" : undefined}
          >
            <legend>
              {t("reqFeedbackRating")}
              <span className="required">
                {" "}
                *<span className="visually-hidden"> ({t("required")})</span>
              </span>
            </legend>
            {ratingErrors.length ? (
              <p className="error" id="feedback-rating-error">
                {ratingErrors.map((error) => error.message).join(" ")}
              </p>
            ) : null}
            {RATINGS.map((value) => (
              <div className="choice" key={value}>
                <input
                  type="radio"
                  id={`feedback-rating-${value}`}
                  name="feedback-rating"
                  value={value}
                  checked={rating === value}
                  aria-invalid={ratingErrors.length ? true : undefined}
                  onChange={() => setRating(value)}
                />
                <label htmlFor={`feedback-rating-${value}`}>{value}</label>
              </div>
            ))}
          </fieldset>
          <Field id="feedback-comment" label={t("reqFeedbackComment")} errors={errorsAt(failure, "comment")}>
            {(control) => <textarea {...control} rows={4} value={comment} onChange={(e) => setComment(e.target.value)} />}
          </Field>
          <button type="submit" disabled={sending.fetching}>
            {t("reqFeedbackSend")}
          </button>
        </form>
      )}
      {others.length ? (
        <ul>
          {others.map((feedback) => (
            <FeedbackItem key={feedback.id} feedback={feedback} label={t(`reqFeedbackFrom${feedback.author}` as MessageKey)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
