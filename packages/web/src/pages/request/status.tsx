import { useState } from "react";
import { useMutation } from "urql";
import { Status } from "../../components/field";
import { graphql } from "../../generated";
import { formatDate, type MessageKey, useI18n } from "../../i18n";
import { ConfirmWithReason } from "./confirm-with-reason";
import { CANCELLABLE_STATUSES, failureOf } from "./outcome";
import type { RequestView } from "./view";

// Where the request stands, in plain words, with what happens next; the step that moves it on when every occasion
// is over (the assignment carried out), and the history of its statuses. Cancelling the request is its own section
// at the end of the page: a step that cannot be undone comes last.

const MarkCarriedOutDocument = graphql(`
  mutation MarkRequestCarriedOut($input: MarkRequestCarriedOutInput!) {
    markRequestCarriedOut(input: $input) {
      request { id status carriedOutAt }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`);

const CancelRequestDocument = graphql(`
  mutation CancelRequest($input: CancelRequestInput!) {
    cancelRequest(input: $input) {
      request { id status statusReason closedAt }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`);

/** Every occasion that will take place is over (and there is one): the assignment can be marked as carried out. */
function occasionsOver(request: RequestView, now = new Date()): boolean {
  const live = request.occasions.filter((occasion) => !occasion.cancelledAt);
  return live.length > 0 && live.every((occasion) => new Date(occasion.endsAt).getTime() <= now.getTime());
}

export function RequestStatusSection({ request, canAct, onChange }: { request: RequestView; canAct: boolean; onChange(): void }) {
  const { t, language } = useI18n();
  const [marking, markCarriedOut] = useMutation(MarkCarriedOutDocument);
  const [outcome, setOutcome] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const canMarkCarriedOut = canAct && (request.status === "PARTLY_FILLED" || request.status === "FILLED") && occasionsOver(request);

  const markDone = async () => {
    const result = await markCarriedOut({ input: { requestId: request.id } });
    const failure = failureOf(result.error, result.data?.markRequestCarriedOut.errors, t("errorGeneric"));
    setOutcome(failure ? { kind: "error", text: failure.message ?? t("errorGeneric") } : { kind: "success", text: t("reqCarriedOutDone") });
    onChange();
  };

  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{t("reqStatusTitle")}</h2>
      <p data-testid="request-status-explained">{t(`reqStatusExplained${request.status}` as MessageKey)}</p>
      {request.statusReason ? <p>{t("reqStatusReason", { reason: request.statusReason })}</p> : null}
      {request.closedAt ? <p>{t("reqClosedAt", { date: formatDate(request.closedAt, language) })}</p> : null}
      {outcome ? <Status kind={outcome.kind}>{outcome.text}</Status> : null}
      {canMarkCarriedOut ? (
        <>
          <p className="hint">{t("reqMarkCarriedOutHint")}</p>
          <p>
            <button type="button" onClick={markDone} disabled={marking.fetching}>
              {t("reqMarkCarriedOut")}
            </button>
          </p>
        </>
      ) : null}
      {request.events.length ? (
        <details>
          <summary>{t("reqHistory")}</summary>
          <ol data-testid="request-history">
            {request.events.map((event) => (
              <li key={event.id}>
                {formatDate(event.at, language, true)}: {t(`status${event.toStatus}` as MessageKey)}
                {event.reason ? ` (${event.reason})` : ""}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

export function CancelRequestSection({ request, onChange }: { request: RequestView; onChange(): void }) {
  const { t } = useI18n();
  const [, cancelRequest] = useMutation(CancelRequestDocument);
  const [done, setDone] = useState(false);
  if (!done && !CANCELLABLE_STATUSES.has(request.status)) return null;

  const cancel = async (reason: string) => {
    const result = await cancelRequest({ input: { requestId: request.id, reason } });
    const failure = failureOf(result.error, result.data?.cancelRequest.errors, t("errorGeneric"), { REASON_REQUIRED: "reason" });
    if (failure) return failure;
    setDone(true);
    onChange();
    return null;
  };

  return (
    <section aria-labelledby="cancel-request-heading">
      <h2 id="cancel-request-heading">{t("reqCancelTitle")}</h2>
      {done ? (
        <Status kind="success">{t("reqCancelled")}</Status>
      ) : (
        <>
          <p>{t("reqCancelIntro")}</p>
          <ConfirmWithReason
            id="cancel-request"
            startLabel={t("reqCancelStart")}
            question={t("reqCancelQuestion", { title: request.title })}
            reasonLabel={t("reqCancelReason")}
            reasonHint={t("reqCancelReasonHint")}
            confirmLabel={t("reqCancelConfirm")}
            keepLabel={t("reqCancelKeep")}
            onConfirm={cancel}
          />
        </>
      )}
    </section>
  );
}
