import { Link } from "react-router";
import { useQuery } from "urql";
import { DownloadButton } from "../components/download";
import { graphql } from "../generated";
import type { MyAssignmentsPageQuery } from "../generated/graphql";
import { formatDate, type MessageKey, useI18n } from "../i18n";

// The member's assignments with their occasions: each occasion as a calendar file (iCalendar, through a short-lived
// download link), attendance once reported, and the written agreement of a long assignment as a PDF.

const MyAssignmentsPageDocument = graphql(`
  query MyAssignmentsPage {
    myAssignments(first: 100) {
      nodes {
        id
        status
        cancellationReason
        agreementRequired
        agreementScope
        agreementSigned
        agreementValidFrom
        agreementValidTo
        attendances { id occasionId attended }
        request {
          id
          title
          unitName
          networkName
          assignmentLength
          occasions { id startsAt endsAt place digitalLink cancelledAt }
        }
      }
    }
  }
`);

type Assignment = NonNullable<MyAssignmentsPageQuery["myAssignments"]>["nodes"][number];

export function MyAssignmentsPage() {
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: MyAssignmentsPageDocument, requestPolicy: "network-only" });
  if (fetching && !data) return <p>{t("loading")}</p>;
  if (error) return <p role="alert">{error.message}</p>;
  const assignments = data?.myAssignments?.nodes ?? [];
  return (
    <>
      <h1>{t("memberAssignmentsTitle")}</h1>
      {assignments.length === 0 ? <p>{t("memberNoAssignments")}</p> : null}
      {assignments.map((assignment) => (
        <AssignmentCard key={assignment.id} assignment={assignment} />
      ))}
      <p>
        <Link to="/fee-claims">{t("myFeeClaimsTitle")}</Link>
      </p>
    </>
  );
}

function AssignmentCard({ assignment }: { assignment: Assignment }) {
  const { t, language } = useI18n();
  const brief = assignment.request;
  const headingId = `assignment-${assignment.id}`;
  const title = brief?.title ?? "";
  const attendance = new Map(assignment.attendances.map((record) => [record.occasionId, record.attended]));
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <dl className="facts">
        <dt>{t("status")}</dt>
        <dd>
          {t(`memberAssignmentStatus${assignment.status}` as MessageKey)}
          {assignment.cancellationReason ? ` · ${t("memberCancelledBecause", { reason: assignment.cancellationReason })}` : null}
        </dd>
        {brief ? (
          <>
            <dt>{t("unit")}</dt>
            <dd>{brief.unitName}</dd>
            <dt>{t("networkLabel")}</dt>
            <dd>{brief.networkName}</dd>
            <dt>{t("memberLength")}</dt>
            <dd>{brief.assignmentLength === "LONG_TERM" ? t("memberLongTerm") : t("memberOneOff")}</dd>
          </>
        ) : null}
      </dl>
      {brief?.occasions.length ? (
        <>
          <h3>{t("memberOccasionsHeading")}</h3>
          <ul className="occasions">
            {brief.occasions.map((occasion) => {
              const when = formatDate(occasion.startsAt, language, true);
              const attended = attendance.get(occasion.id);
              return (
                <li key={occasion.id}>
                  <p>
                    <strong>{when}</strong>
                    {occasion.place ? ` · ${occasion.place}` : ""}
                    {occasion.cancelledAt ? ` · ${t("memberOccasionCancelled")}` : ""}
                    {attended === undefined ? "" : ` · ${attended ? t("memberAttended") : t("memberNotAttended")}`}
                  </p>
                  {occasion.digitalLink ? (
                    <p>
                      <a href={occasion.digitalLink} rel="noopener noreferrer" target="_blank">
                        {t("memberDigitalLink")}
                        <span className="visually-hidden">: {when}</span>
                      </a>
                    </p>
                  ) : null}
                  {occasion.cancelledAt ? null : (
                    <DownloadButton
                      kind="OCCASION_CALENDAR"
                      subjectId={occasion.id}
                      label={t("memberCalendarFile")}
                      name={`${title} ${when}`}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {assignment.agreementRequired ? (
        <>
          <h3>{t("memberAgreement")}</h3>
          <p>
            {assignment.agreementSigned ? t("memberAgreementSigned") : t("memberAgreementNotSigned")}
            {assignment.agreementValidFrom && assignment.agreementValidTo
              ? ` · ${t("memberAgreementValid", { from: assignment.agreementValidFrom, to: assignment.agreementValidTo })}`
              : ""}
          </p>
          {assignment.agreementScope ? <p>{assignment.agreementScope}</p> : null}
          <DownloadButton kind="ASSIGNMENT_AGREEMENT" subjectId={assignment.id} label={t("memberAgreementPdf")} name={title} />
        </>
      ) : null}
    </article>
  );
}
