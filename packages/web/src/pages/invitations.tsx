import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Field, Status } from "../components/field";
import { graphql } from "../generated";
import type { InvitationsPageQuery } from "../generated/graphql";
import { formatDate, type MessageKey, useI18n } from "../i18n";

// The member's invitations with the assignment description; accepting records the consent to share contact details
// with that unit for that request, by the text version shown here.

const InvitationsPageDocument = graphql(`
  query InvitationsPage {
    me {
      tenant { id currentConsentText(kind: CONTACT_SHARING) { version text } }
    }
    myInvitations(first: 50) {
      nodes {
        id
        status
        message
        expiresAt
        contactShared
        waitlistPosition
        request {
          id
          title
          purpose
          expectations
          preparation
          compensationOffered
          unitName
          networkName
          assignmentLength
          occasions { id startsAt endsAt place digitalLink }
        }
      }
    }
  }
`);

const RespondDocument = graphql(`
  mutation RespondToInvitation($input: RespondToInvitationInput!) {
    respondToInvitation(input: $input) {
      invitation { id status contactShared }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type Invitation = NonNullable<InvitationsPageQuery["myInvitations"]>["nodes"][number];

export function InvitationsPage() {
  const { t } = useI18n();
  const [{ data, fetching, error }, refetch] = useQuery({ query: InvitationsPageDocument, requestPolicy: "network-only" });
  if (fetching && !data) return <p>{t("loading")}</p>;
  if (error) return <p role="alert">{error.message}</p>;
  const consent = data?.me?.tenant?.currentConsentText ?? null;
  const invitations = data?.myInvitations?.nodes ?? [];
  return (
    <>
      <h1>{t("myInvitationsTitle")}</h1>
      {invitations.length === 0 ? <p>{t("noInvitations")}</p> : null}
      {invitations.map((invitation) => (
        <InvitationCard
          key={invitation.id}
          invitation={invitation}
          consent={consent}
          onChange={() => refetch({ requestPolicy: "network-only" })}
        />
      ))}
    </>
  );
}

function InvitationCard({
  invitation,
  consent,
  onChange,
}: {
  invitation: Invitation;
  consent: { version: string; text: string } | null;
  onChange(): void;
}) {
  const { t, language } = useI18n();
  const [responding, respond] = useMutation(RespondDocument);
  const [consentGiven, setConsentGiven] = useState(false);
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [consentError, setConsentError] = useState(false);
  const brief = invitation.request;
  const headingId = `invitation-${invitation.id}`;
  const consentId = `consent-${invitation.id}`;

  const answer = async (accept: boolean) => {
    if (accept && !consentGiven) {
      setConsentError(true);
      return;
    }
    setConsentError(false);
    const result = await respond({
      input: accept
        ? { invitationId: invitation.id, accept: true, consentTextVersion: consent?.version ?? null }
        : { invitationId: invitation.id, accept: false, declineReason: reason.trim() || null },
    });
    const error = result.data?.respondToInvitation.errors[0];
    setFailure(result.error?.message ?? (error ? ("message" in error && error.message) || error.__typename : null));
    onChange();
  };
  const onAccept = (event: FormEvent) => {
    event.preventDefault();
    void answer(true);
  };

  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{brief?.title}</h2>
      <p>
        <strong>{t("status")}:</strong> {t(`invitationStatus${invitation.status}` as MessageKey)}
        {invitation.status === "PENDING" ? ` · ${t("answerBy", { date: formatDate(invitation.expiresAt, language) })}` : null}
      </p>
      {invitation.message ? (
        <>
          <h3>{t("messageFromCoordinator")}</h3>
          <p className="message">{invitation.message}</p>
        </>
      ) : null}
      {brief ? (
        <>
          <h3>{t("assignmentDescription")}</h3>
          <dl className="facts">
            <dt>{t("unit")}</dt>
            <dd>{brief.unitName}</dd>
            <dt>{t("purpose")}</dt>
            <dd>{brief.purpose}</dd>
            {brief.expectations ? (
              <>
                <dt>{t("expectations")}</dt>
                <dd>{brief.expectations}</dd>
              </>
            ) : null}
            {brief.preparation ? (
              <>
                <dt>{t("preparation")}</dt>
                <dd>{brief.preparation}</dd>
              </>
            ) : null}
            {brief.compensationOffered ? (
              <>
                <dt>{t("compensation")}</dt>
                <dd>{brief.compensationOffered}</dd>
              </>
            ) : null}
            <dt>{t("occasions")}</dt>
            <dd>
              <ul>
                {brief.occasions.map((occasion) => (
                  <li key={occasion.id}>
                    {formatDate(occasion.startsAt, language, true)}
                    {occasion.place ? ` · ${occasion.place}` : ""}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        </>
      ) : null}
      {failure ? <Status kind="error">{failure}</Status> : null}
      {invitation.status === "PENDING" ? (
        <form onSubmit={onAccept} noValidate>
          {consent ? <p className="consent-text">{consent.text}</p> : null}
          <div className={consentError ? "choice has-error" : "choice"}>
            <input
              type="checkbox"
              id={consentId}
              checked={consentGiven}
              onChange={(e) => setConsentGiven(e.target.checked)}
              aria-describedby={consentError ? `${consentId}-error` : undefined}
              aria-invalid={consentError || undefined}
            />
            <label htmlFor={consentId}>{t("consentToShare")}</label>
          </div>
          {consentError ? (
            <p className="error" id={`${consentId}-error`}>
              {t("consentNeeded")}
            </p>
          ) : null}
          <button type="submit" disabled={responding.fetching}>
            {t("accept")}
          </button>
          <Field id={`decline-reason-${invitation.id}`} label={t("declineReason")}>
            {(control) => <input {...control} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button type="button" className="secondary" onClick={() => answer(false)} disabled={responding.fetching}>
            {t("decline")}
          </button>
        </form>
      ) : null}
    </article>
  );
}
