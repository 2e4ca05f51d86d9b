import { useQuery } from "urql";
import { ScrollableTable } from "../components/scrollable-table";
import { graphql } from "../generated";
import { formatDate, useI18n } from "../i18n";

const IntakeQueueDocument = graphql(`
  query IntakeQueue {
    intakeQueue(first: 50) {
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
                {item.member.givenName} {item.member.familyName}
              </td>
              <td>{item.membership.network?.name}</td>
              <td>{item.membership.status}</td>
              <td>
                {formatDate(item.membership.registeredAt, language)} ({item.waitingDays} d{item.overdue ? ", !" : ""})
              </td>
            </tr>
          ))}
        </ScrollableTable>
      ) : null}
    </>
  );
}
