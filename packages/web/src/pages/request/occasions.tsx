import { useState } from "react";
import { useMutation } from "urql";
import { Field, Status } from "../../components/field";
import { graphql } from "../../generated";
import { fieldErrorsOf } from "../../graphql/errors";
import { formatDate, useI18n } from "../../i18n";
import { ConfirmWithReason } from "./confirm-with-reason";
import { CLOSED_STATUSES, failureOf } from "./outcome";
import type { RequestView } from "./view";

// The request's occasions as the unit and the coordinator manage them: an occasion that has begun is reported held,
// with each participant's attendance; one that will not take place is cancelled, with the reason the participants
// are told.

const MarkHeldDocument = graphql(`
  mutation MarkOccasionHeld($input: MarkOccasionHeldInput!) {
    markOccasionHeld(input: $input) {
      occasion { id heldAt }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const RecordAttendanceDocument = graphql(`
  mutation RecordAttendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      attendance { id attended }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const CancelOccasionDocument = graphql(`
  mutation CancelOccasion($input: CancelOccasionInput!) {
    cancelOccasion(input: $input) {
      occasion { id cancelledAt cancellationReason }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`);

const firstMessage = (errors: ReadonlyArray<{ __typename?: string; message?: string }> | undefined) =>
  errors?.[0] ? (errors[0].message ?? errors[0].__typename ?? null) : null;

export function Occasions({ request, onChange, canReport }: { request: RequestView; onChange(): void; canReport: boolean }) {
  const { t, language } = useI18n();
  const [, markHeld] = useMutation(MarkHeldDocument);
  const [, recordAttendance] = useMutation(RecordAttendanceDocument);
  const [, cancelOccasion] = useMutation(CancelOccasionDocument);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const participantOf = new Map(request.participants.map((p) => [p.assignmentId, `${p.givenName} ${p.familyName}`]));
  const liveAssignments = request.assignments.filter((assignment) => participantOf.has(assignment.id));
  const open = !CLOSED_STATUSES.has(request.status);

  const held = async (occasionId: string) => {
    const result = await markHeld({ input: { occasionId } });
    const failure = result.error?.message ?? firstMessage(result.data?.markOccasionHeld.errors);
    setMessage(failure ? { kind: "error", text: failure } : null);
    onChange();
  };
  const cancel = async (occasionId: string, when: string, reason: string) => {
    const result = await cancelOccasion({ input: { occasionId, reason } });
    const failure = failureOf(result.error, result.data?.cancelOccasion.errors, t("errorGeneric"), { REASON_REQUIRED: "reason" });
    if (failure) return failure;
    setMessage({ kind: "success", text: t("reqOccasionCancelDone", { date: when }) });
    onChange();
    return null;
  };
  const [minutes, setMinutes] = useState<Record<string, { duration: string; travel: string }>>({});
  const attend = async (assignmentId: string, occasionId: string, attended: boolean, lengthMinutes: number) => {
    const entered = minutes[`${assignmentId}-${occasionId}`];
    const durationMinutes = Number(entered?.duration ?? lengthMinutes);
    const travelMinutes = Number(entered?.travel ?? 0);
    const result = await recordAttendance({
      input: { assignmentId, occasionId, attended, ...(attended ? { durationMinutes, travelMinutes } : {}) },
    });
    const fieldMessages = fieldErrorsOf(result.error).map((error) => error.message);
    const failure = fieldMessages.length
      ? fieldMessages.join(" ")
      : (result.error?.message ?? firstMessage(result.data?.recordAttendance.errors));
    setMessage(failure ? { kind: "error", text: failure } : { kind: "success", text: t("attendanceRecorded") });
    onChange();
  };

  return (
    <section aria-labelledby="occasions-heading">
      <h2 id="occasions-heading">{t("occasions")}</h2>
      {message ? <Status kind={message.kind}>{message.text}</Status> : null}
      <ul className="occasions">
        {request.occasions.map((occasion) => {
          const when = formatDate(occasion.startsAt, language, true);
          return (
            <li key={occasion.id}>
              <p>
                <strong>{when}</strong>
                {occasion.place ? ` · ${occasion.place}` : ""}
                {occasion.digitalLink ? (
                  <>
                    {" · "}
                    <a href={occasion.digitalLink}>{occasion.digitalLink}</a>
                  </>
                ) : null}
              </p>
              {occasion.cancelledAt ? (
                <p data-testid={`occasion-cancelled-${occasion.id}`}>
                  {t("reqOccasionCancelled", {
                    date: formatDate(occasion.cancelledAt, language),
                    reason: occasion.cancellationReason ?? "–",
                  })}
                </p>
              ) : occasion.heldAt ? (
                <p>{t("held", { date: formatDate(occasion.heldAt, language) })}</p>
              ) : canReport && open && new Date(occasion.startsAt) < new Date() ? (
                <button type="button" onClick={() => held(occasion.id)}>
                  {t("markHeld")}
                </button>
              ) : null}
              {canReport && open && !occasion.cancelledAt && !occasion.heldAt ? (
                <ConfirmWithReason
                  id={`cancel-occasion-${occasion.id}`}
                  startLabel={t("reqOccasionCancelStart")}
                  startAccessibleName={t("reqOccasionCancelStartFor", { date: when })}
                  startKind="secondary"
                  question={t("reqOccasionCancelQuestion", { date: when })}
                  reasonLabel={t("reqOccasionCancelReason")}
                  reasonHint={t("reqOccasionCancelReasonHint")}
                  confirmLabel={t("reqOccasionCancelConfirm")}
                  keepLabel={t("reqOccasionCancelKeep")}
                  onConfirm={(reason) => cancel(occasion.id, when, reason)}
                />
              ) : null}
              {occasion.heldAt && canReport && liveAssignments.length ? (
                <fieldset>
                  <legend>{t("attendanceTitle")}</legend>
                  {liveAssignments.map((assignment) => {
                    const record = assignment.attendances.find((a) => a.occasionId === occasion.id);
                    const name = participantOf.get(assignment.id) ?? "";
                    const key = `${assignment.id}-${occasion.id}`;
                    const lengthMinutes = Math.round(
                      (new Date(occasion.endsAt).getTime() - new Date(occasion.startsAt).getTime()) / 60_000,
                    );
                    const entered = minutes[key] ?? { duration: String(lengthMinutes), travel: "0" };
                    return (
                      <div className="attendance" key={assignment.id}>
                        <h3>{name}</h3>
                        {record ? (
                          <p>{record.attended ? `${t("attended")} (${record.durationMinutes} min)` : t("no")} ✓</p>
                        ) : (
                          <>
                            <Field id={`duration-${key}`} label={`${t("durationMinutes")}: ${name}`}>
                              {(control) => (
                                <input
                                  {...control}
                                  type="number"
                                  inputMode="numeric"
                                  min={1}
                                  value={entered.duration}
                                  onChange={(e) => setMinutes((old) => ({ ...old, [key]: { ...entered, duration: e.target.value } }))}
                                />
                              )}
                            </Field>
                            <Field id={`travel-${key}`} label={`${t("travelMinutes")}: ${name}`}>
                              {(control) => (
                                <input
                                  {...control}
                                  type="number"
                                  inputMode="numeric"
                                  min={0}
                                  value={entered.travel}
                                  onChange={(e) => setMinutes((old) => ({ ...old, [key]: { ...entered, travel: e.target.value } }))}
                                />
                              )}
                            </Field>
                            <button
                              type="button"
                              onClick={() => attend(assignment.id, occasion.id, true, lengthMinutes)}
                              aria-label={`${t("attended")}: ${name}`}
                            >
                              {t("attended")}
                            </button>{" "}
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => attend(assignment.id, occasion.id, false, lengthMinutes)}
                              aria-label={`${t("no")}: ${name}`}
                            >
                              {t("no")}
                            </button>
                          </>
                        )}
                      </div>
                    );
                  })}
                </fieldset>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
