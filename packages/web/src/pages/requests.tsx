import { Link } from "react-router";
import { useQuery } from "urql";
import { ScrollableTable } from "../components/scrollable-table";
import { graphql } from "../generated";
import { formatDate, type MessageKey, useI18n } from "../i18n";

const RequestsDocument = graphql(`
  query Requests {
    requests(first: 50) {
      totalCount
      nodes { id title status unitName submittedAt numberOfPersons }
    }
  }
`);

export function RequestsPage() {
  const { t, language } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: RequestsDocument, requestPolicy: "network-only" });
  const nodes = data?.requests?.nodes ?? [];
  return (
    <>
      <h1>{t("requestsTitle")}</h1>
      {fetching && !data ? <p>{t("loading")}</p> : null}
      {error ? <p role="alert">{error.message}</p> : null}
      {data && nodes.length === 0 ? <p>{t("noRequests")}</p> : null}
      {nodes.length ? (
        <ScrollableTable
          label={t("requestsTitle")}
          head={
            <>
              <th scope="col">{t("title")}</th>
              <th scope="col">{t("unit")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("submittedAt")}</th>
            </>
          }
        >
          {nodes.map((request) => (
            <tr key={request.id}>
              <td>
                <Link to={`/requests/${request.id}`}>{request.title}</Link>
              </td>
              <td>{request.unitName}</td>
              <td>{t(`status${request.status}` as MessageKey)}</td>
              <td>{formatDate(request.submittedAt, language)}</td>
            </tr>
          ))}
        </ScrollableTable>
      ) : null}
    </>
  );
}
