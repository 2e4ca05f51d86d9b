import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { Field, Status } from "../../components/field";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import { formatDate, type MessageKey, useI18n } from "../../i18n";

// The coordinator's matching on the request page: start matching, read ranked candidates with the reasons for each
// rank, invite with a personal message, follow the invitations and the waiting list.

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

export function Matching({ requestId, onChange }: { requestId: string; onChange(): void }) {
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
