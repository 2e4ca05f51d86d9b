import { useLocation, useParams } from "react-router";
import { useQuery } from "urql";
import { hasRole, useViewer } from "../app";
import { Status } from "../components/field";
import { graphql } from "../generated";
import { type MessageKey, useI18n } from "../i18n";
import { Matching } from "./request/matching";
import { Occasions } from "./request/occasions";

// One request as its unit and its coordinator see it: the unit gets contact details only for participants who
// accepted and consented (the API decides; this page shows what `participants` returns), reports occasions held
// and attendance; the coordinator starts matching, reads ranked candidates with their reasons and invites. Each
// part is in pages/request/.

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
