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
    </>
  );
}
