import { Fragment } from "react";
import { useLocation, useParams } from "react-router";
import { useQuery } from "urql";
import { hasRole, useViewer } from "../app";
import { Status } from "../components/field";
import { graphql } from "../generated";
import { type MessageKey, useI18n } from "../i18n";
import { Agreements } from "./request/agreements";
import { UnitFeedback } from "./request/feedback";
import { FollowUp } from "./request/follow-up";
import { Matching } from "./request/matching";
import { Occasions } from "./request/occasions";
import { CancelRequestSection, RequestStatusSection } from "./request/status";

// One request as its unit and its coordinator see it: where it stands and what happens next; the unit gets contact
// details only for participants who accepted and consented (the API decides; this page shows what `participants`
// returns), reports occasions held and attendance, cancels an occasion or the whole request, records the written
// agreement of a long assignment and gives feedback afterwards; the coordinator starts matching, reads ranked
// candidates with their reasons, invites, and follows the assignment up. Each part is in pages/request/.

const RequestPageDocument = graphql(`
  query RequestPage($id: ID!) {
    request(id: $id) {
      id
      networkId
      title
      purpose
      expectations
      status
      statusReason
      closedAt
      carriedOutAt
      followedUpAt
      followUpNote
      unitName
      numberOfPersons
      assignmentLength
      version
      occasions { id startsAt endsAt place digitalLink heldAt cancelledAt cancellationReason }
      participants { assignmentId givenName familyName email phone representing { organisationName validTo } }
      assignments {
        id
        status
        agreementRequired
        agreementSigned
        agreementScope
        agreementValidFrom
        agreementValidTo
        agreementSignedByMemberAt
        agreementSignedByUnitAt
        attendances { occasionId attended durationMinutes }
      }
      feedback { id author rating comment createdAt givenByYou }
      events { id fromStatus toStatus reason at }
    }
  }
`);

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
  const staff = hasRole(viewer, "REQUESTER") || hasRole(viewer, "COORDINATOR");
  // Keyed by the request: going from one request to another (the follow-up's list) starts every form afresh.
  return (
    <Fragment key={request.id}>
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
      <RequestStatusSection request={request} canAct={staff} onChange={refresh} />
      <Occasions request={request} onChange={refresh} canReport={staff} />
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
      <Agreements request={request} canRecord={staff} onChange={refresh} />
      {hasRole(viewer, "REQUESTER") ? <UnitFeedback request={request} onChange={refresh} /> : null}
      {hasRole(viewer, "COORDINATOR") ? <FollowUp request={request} onChange={refresh} /> : null}
      {hasRole(viewer, "COORDINATOR") ? <Matching requestId={request.id} onChange={refresh} /> : null}
      {staff ? <CancelRequestSection request={request} onChange={refresh} /> : null}
    </Fragment>
  );
}
