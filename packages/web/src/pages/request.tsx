import { type FormEvent, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { hasRole, useViewer } from "../app";
import { Field, Status } from "../components/field";
import { ScrollableTable } from "../components/scrollable-table";
import { graphql } from "../generated";
import type { RequestPageQuery } from "../generated/graphql";
import { fieldErrorsOf } from "../graphql/errors";
import { formatDate, type MessageKey, useI18n } from "../i18n";

// One request as its unit and its coordinator see it: the unit gets contact details only for participants who
// accepted and consented (the API decides; this page shows what `participants` returns), reports occasions held
// and attendance; the coordinator starts matching, reads ranked candidates with their reasons and invites.

const RequestPageDocument = graphql(`
  query RequestPage($id: ID!) {
    request(id: $id) {
      id
      title
      purpose
      expectations
      status
      unitName
      numberOfPersons
      assignmentLength
      version
      occasions { id startsAt endsAt place digitalLink heldAt cancelledAt }
      participants { assignmentId givenName familyName email phone representing { organisationName validTo } }
      assignments { id status attendances { occasionId attended durationMinutes } }
    }
  }
`);

const MatchingDocument = graphql(`
  query Matching($id: ID!) {
    request(id: $id) {
      id
      status
      candidates(first: 10) {
        matchingOpen
        eligibleCount
        excluded { code count message }
        nodes {
          rank
          score
          member { id givenName familyName }
          reasons { code message points }
        }
      }
      invitations(first: 50) {
        nodes { id status invitedAt respondedAt declineReason waitlistPosition invitee { id memberId givenName familyName } }
      }
    }
  }
`);

const StartMatchingDocument = graphql(`
  mutation StartMatching($input: StartMatchingInput!) {
    startMatching(input: $input) {
      request { id status }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const InviteDocument = graphql(`
  mutation InviteMembers($input: InviteMembersInput!) {
    inviteMembers(input: $input) {
      invitations { id status }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

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

type RequestView = NonNullable<RequestPageQuery["request"]>;
/** The reasons that are about fairness (who was asked or used least, the spread of the shortlist), not fit. */
const FAIRNESS_REASONS = new Set([
  "LAST_ASKED",
  "NEVER_ASKED",
  "NEVER_ASSIGNED",
  "RECENT_ASSIGNMENTS",
  "RECENT_INVITATIONS",
  "SPREAD_AGE_BAND",
  "SPREAD_PERSPECTIVE",
]);
const firstMessage = (errors: ReadonlyArray<{ __typename?: string; message?: string }> | undefined) =>
  errors?.[0] ? (errors[0].message ?? errors[0].__typename ?? null) : null;

export function RequestPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { id = "" } = useParams();
  const location = useLocation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: RequestPageDocument, variables: { id }, requestPolicy: "network-only" });
  const request = data?.request;
  if (fetching && !data) return <p>{t("loading")}</p>;
  if (!request) return <p role="alert">{error?.message ?? t("notFound")}</p>;
  const submitted = (location.state as { submitted?: boolean } | null)?.submitted;
  const refresh = () => refetch({ requestPolicy: "network-only" });
  return (
    <>
      <h1>{request.title}</h1>
      {submitted ? <Status kind="success">{t("requestSubmitted")}</Status> : null}
      <dl className="facts">
        <dt>{t("status")}</dt>
        <dd data-testid="request-status">{t(`status${request.status}` as MessageKey)}</dd>
        <dt>{t("unit")}</dt>
        <dd>{request.unitName}</dd>
        <dt>{t("numberOfPersons")}</dt>
        <dd>{request.numberOfPersons}</dd>
        <dt>{t("purpose")}</dt>
        <dd>{request.purpose}</dd>
      </dl>
      <Occasions request={request} onChange={refresh} canReport={hasRole(viewer, "REQUESTER") || hasRole(viewer, "COORDINATOR")} />
      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading">{t("participantsTitle")}</h2>
        {request.participants.length === 0 ? (
          <p>{t("participantsNone")}</p>
        ) : (
          <ul className="participants">
            {request.participants.map((person) => (
              <li key={person.assignmentId}>
                <strong>
                  {person.givenName} {person.familyName}
                </strong>
                {person.email ? (
                  <>
                    <br />
                    {t("email")}: <a href={`mailto:${person.email}`}>{person.email}</a>
                  </>
                ) : null}
                {person.phone ? (
                  <>
                    <br />
                    {t("phone")}: <a href={`tel:${person.phone}`}>{person.phone}</a>
                  </>
                ) : null}
                {person.representing.map((mandate) => (
                  <span key={mandate.organisationName}>
                    <br />
                    {t("represents")}: {mandate.organisationName}
                    {mandate.validTo ? ` (${t("mandateUntil")} ${mandate.validTo})` : null}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
      {hasRole(viewer, "COORDINATOR") ? <Matching requestId={request.id} onChange={refresh} /> : null}
    </>
  );
}

function Occasions({ request, onChange, canReport }: { request: RequestView; onChange(): void; canReport: boolean }) {
  const { t, language } = useI18n();
  const [, markHeld] = useMutation(MarkHeldDocument);
  const [, recordAttendance] = useMutation(RecordAttendanceDocument);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const participantOf = new Map(request.participants.map((p) => [p.assignmentId, `${p.givenName} ${p.familyName}`]));
  const liveAssignments = request.assignments.filter((assignment) => participantOf.has(assignment.id));

  const held = async (occasionId: string) => {
    const result = await markHeld({ input: { occasionId } });
    const failure = result.error?.message ?? firstMessage(result.data?.markOccasionHeld.errors);
    setMessage(failure ? { kind: "error", text: failure } : null);
    onChange();
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
        {request.occasions.map((occasion) => (
          <li key={occasion.id}>
            <p>
              <strong>{formatDate(occasion.startsAt, language, true)}</strong>
              {occasion.place ? ` · ${occasion.place}` : ""}
              {occasion.digitalLink ? (
                <>
                  {" · "}
                  <a href={occasion.digitalLink}>{occasion.digitalLink}</a>
                </>
              ) : null}
            </p>
            {occasion.heldAt ? (
              <p>{t("held", { date: formatDate(occasion.heldAt, language) })}</p>
            ) : canReport && new Date(occasion.startsAt) < new Date() && !occasion.cancelledAt ? (
              <button type="button" onClick={() => held(occasion.id)}>
                {t("markHeld")}
              </button>
            ) : null}
            {occasion.heldAt && canReport && liveAssignments.length ? (
              <fieldset>
                <legend>{t("attendanceTitle")}</legend>
                {liveAssignments.map((assignment) => {
                  const record = assignment.attendances.find((a) => a.occasionId === occasion.id);
                  const name = participantOf.get(assignment.id) ?? "";
                  const key = `${assignment.id}-${occasion.id}`;
                  const lengthMinutes = Math.round((new Date(occasion.endsAt).getTime() - new Date(occasion.startsAt).getTime()) / 60_000);
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
        ))}
      </ul>
    </section>
  );
}

function Matching({ requestId, onChange }: { requestId: string; onChange(): void }) {
  const { t, language } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: MatchingDocument, variables: { id: requestId }, requestPolicy: "network-only" });
  const [starting, start] = useMutation(StartMatchingDocument);
  const [inviting, invite] = useMutation(InviteDocument);
  const [chosen, setChosen] = useState<string[]>([]);
  const [personalMessage, setPersonalMessage] = useState("");
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const request = data?.request;
  if (error) return <p role="alert">{error.message}</p>;
  if (!request) return null;

  const refresh = () => {
    refetch({ requestPolicy: "network-only" });
    onChange();
  };
  const startMatching = async () => {
    const result = await start({ input: { requestId } });
    const failure = result.error?.message ?? firstMessage(result.data?.startMatching.errors);
    setStatus(failure ? { kind: "error", text: failure } : null);
    refresh();
  };
  const sendInvitations = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen.length) return;
    const result = await invite({ input: { requestId, memberIds: chosen, message: personalMessage.trim() || null } });
    const failure = result.error?.message ?? firstMessage(result.data?.inviteMembers.errors);
    setStatus(failure ? { kind: "error", text: failure } : { kind: "success", text: `${t("invitationsTitle")}: ${chosen.length}` });
    if (!failure) {
      setChosen([]);
      setPersonalMessage("");
    }
    refresh();
  };
  const candidates = request.candidates?.nodes ?? [];
  const invitations = request.invitations.nodes;
  const waitlist = invitations
    .filter((invitation) => invitation.waitlistPosition !== null && invitation.waitlistPosition !== undefined)
    .sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));

  return (
    <>
      {status ? <Status kind={status.kind}>{status.text}</Status> : null}
      {request.status === "SUBMITTED" ? (
        <p>
          <button type="button" onClick={startMatching} disabled={starting.fetching}>
            {t("startMatching")}
          </button>
        </p>
      ) : null}
      {request.status !== "SUBMITTED" && request.candidates?.matchingOpen ? (
        <section aria-labelledby="candidates-heading">
          <h2 id="candidates-heading">{t("candidatesTitle")}</h2>
          <p>{t("candidatesIntro")}</p>
          {request.candidates.excluded.length ? (
            <>
              <p>{t("coordEligible", { count: request.candidates.eligibleCount })}</p>
              <ul>
                {request.candidates.excluded.map((exclusion) => (
                  <li key={exclusion.code}>
                    {exclusion.message}: {exclusion.count}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {candidates.length === 0 ? (
            <p>{t("noCandidates")}</p>
          ) : (
            <form onSubmit={sendInvitations}>
              <ol className="candidates">
                {candidates.map((candidate) => {
                  const name = `${candidate.member.givenName} ${candidate.member.familyName}`;
                  const inputId = `candidate-${candidate.member.id}`;
                  return (
                    <li key={candidate.member.id}>
                      <div className="choice">
                        <input
                          type="checkbox"
                          id={inputId}
                          checked={chosen.includes(candidate.member.id)}
                          onChange={(e) =>
                            setChosen((old) =>
                              e.target.checked ? [...old, candidate.member.id] : old.filter((x) => x !== candidate.member.id),
                            )
                          }
                        />
                        <label htmlFor={inputId}>
                          {candidate.rank}. {name}{" "}
                          <span className="muted">
                            ({t("score")} {candidate.score})
                          </span>
                        </label>
                      </div>
                      <ul className="reasons" aria-label={`${t("reasons")}: ${name}`}>
                        {candidate.reasons.map((reason) => (
                          <li key={reason.code}>
                            <span className="muted">{FAIRNESS_REASONS.has(reason.code) ? t("coordFairness") : t("coordFit")}:</span>{" "}
                            {reason.message} ({reason.points > 0 ? "+" : ""}
                            {reason.points})
                          </li>
                        ))}
                      </ul>
                    </li>
                  );
                })}
              </ol>
              <Field id="invite-message" label={t("inviteMessage")}>
                {(control) => (
                  <textarea {...control} rows={3} value={personalMessage} onChange={(e) => setPersonalMessage(e.target.value)} />
                )}
              </Field>
              <button type="submit" disabled={!chosen.length || inviting.fetching}>
                {t("invite")}
              </button>
            </form>
          )}
        </section>
      ) : null}
      {invitations.length ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">{t("invitationsTitle")}</h2>
          <ScrollableTable
            label={t("invitationsTitle")}
            head={
              <>
                <th scope="col">{t("invitee")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("submittedAt")}</th>
                <th scope="col">{t("coordRespondedAt")}</th>
                <th scope="col">{t("coordWaitlistPosition")}</th>
              </>
            }
          >
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>
                  <Link to={`/members/${invitation.invitee.memberId}`}>
                    {invitation.invitee.givenName} {invitation.invitee.familyName}
                  </Link>
                </td>
                <td>
                  {t(`invitationStatus${invitation.status}` as MessageKey)}
                  {invitation.declineReason ? ` (${t("coordDeclineReason")}: ${invitation.declineReason})` : ""}
                </td>
                <td>{formatDate(invitation.invitedAt, language)}</td>
                <td>{invitation.respondedAt ? formatDate(invitation.respondedAt, language) : "–"}</td>
                <td>{invitation.waitlistPosition ?? "–"}</td>
              </tr>
            ))}
          </ScrollableTable>
          <h3>{t("coordWaitingList")}</h3>
          {waitlist.length ? (
            <ol data-testid="waiting-list">
              {waitlist.map((invitation) => (
                <li key={invitation.id} value={invitation.waitlistPosition ?? undefined}>
                  {invitation.invitee.givenName} {invitation.invitee.familyName}
                </li>
              ))}
            </ol>
          ) : (
            <p>{t("coordWaitingListNone")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
