import { Link } from "react-router";
import { useQuery } from "urql";
import { ScrollableTable } from "../components/scrollable-table";
import { graphql } from "../generated";
import { formatDate, type MessageKey, useI18n } from "../i18n";

const IntakeQueueDocument = graphql(`
  query IntakeQueue {
    intakeQueue(first: 100) {
      totalCount
      nodes {
        overdue
        waitingDays
        member { id givenName familyName }
        membership { id status registeredAt network { id name } }
      }
    }
  }
`);

// Members whose next follow-up (set when the last contact was logged) falls within this many days, or is past.
const FOLLOW_UP_DAYS = 14;

const FollowUpsDueDocument = graphql(`
  query FollowUpsDue($withinDays: Int!) {
    followUpsDue(withinDays: $withinDays, first: 100) {
      totalCount
      nodes {
        nextFollowUpOn
        daysOverdue
        member { id givenName familyName }
        membership { id network { id name } }
        latest { id contactedOn channel }
      }
    }
  }
`);

export function IntakePage() {
  const { t, language } = useI18n();
  const [{ data, error }] = useQuery({ query: IntakeQueueDocument, requestPolicy: "network-only" });
  const items = data?.intakeQueue?.nodes ?? [];
  return (
    <>
      <h1>{t("intakeTitle")}</h1>
      <nav aria-label={t("coordQueueActions")}>
        <ul className="links">
          <li>
            <Link to="/intake/register">{t("coordRegisterByPost")}</Link>
          </li>
          <li>
            <Link to="/intake/sessions">{t("coordSessions")}</Link>
          </li>
          <li>
            <Link to="/pool">{t("coordPool")}</Link>
          </li>
        </ul>
      </nav>
      {error ? <p role="alert">{error.message}</p> : null}
      {data && items.length === 0 ? <p>{t("intakeEmpty")}</p> : null}
      {items.length ? (
        <ScrollableTable
          label={t("intakeTitle")}
          head={
            <>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("networkLabel")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("submittedAt")}</th>
            </>
          }
        >
          {items.map((item) => (
            <tr key={item.membership.id} className={item.overdue ? "overdue" : undefined}>
              <td>
                <Link to={`/members/${item.member.id}`}>
                  {item.member.givenName} {item.member.familyName}
                </Link>
              </td>
              <td>{item.membership.network?.name}</td>
              <td>{t(`coordStatus${item.membership.status}` as MessageKey)}</td>
              <td>
                {formatDate(item.membership.registeredAt, language)} ({t("coordWaitingDays", { days: item.waitingDays })}
                {item.overdue ? <strong>, {t("coordOverdue")}</strong> : null})
              </td>
            </tr>
          ))}
        </ScrollableTable>
      ) : null}
      <FollowUpsDue />
    </>
  );
}

/** The follow-ups due: whom to be in touch with again, the earliest date first. */
function FollowUpsDue() {
  const { t, language } = useI18n();
  const [{ data, error }] = useQuery({
    query: FollowUpsDueDocument,
    variables: { withinDays: FOLLOW_UP_DAYS },
    requestPolicy: "network-only",
  });
  const items = data?.followUpsDue?.nodes ?? [];
  const heading = t("coordFollowUpsDueHeading", { days: FOLLOW_UP_DAYS });
  const when = (days: number) =>
    days > 0 ? t("coordFollowUpDueOverdue", { days }) : days === 0 ? t("coordFollowUpDueToday") : t("coordFollowUpDueIn", { days: -days });
  return (
    <section aria-labelledby="follow-ups-due-heading">
      <h2 id="follow-ups-due-heading">{heading}</h2>
      {error ? <p role="alert">{error.message}</p> : null}
      {data && items.length === 0 ? <p>{t("coordFollowUpsDueNone")}</p> : null}
      {items.length ? (
        <ScrollableTable
          label={heading}
          head={
            <>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("networkLabel")}</th>
              <th scope="col">{t("coordFollowUpDueOn")}</th>
              <th scope="col">{t("coordFollowUpLatest")}</th>
            </>
          }
        >
          {items.map((item) => (
            <tr key={item.latest.id} className={item.daysOverdue > 0 ? "overdue" : undefined}>
              <td>
                <Link to={`/members/${item.member.id}`}>
                  {item.member.givenName} {item.member.familyName}
                </Link>
              </td>
              <td>{item.membership.network?.name}</td>
              <td>
                {formatDate(item.nextFollowUpOn, language)} (
                {item.daysOverdue > 0 ? <strong>{when(item.daysOverdue)}</strong> : when(item.daysOverdue)})
              </td>
              <td>
                {formatDate(item.latest.contactedOn, language)}, {t(`coordFollowUpChannel${item.latest.channel}` as MessageKey)}
              </td>
            </tr>
          ))}
        </ScrollableTable>
      ) : null}
    </section>
  );
}
