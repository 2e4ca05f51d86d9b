import { Link } from "react-router";
import { useQuery } from "urql";
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
        <section
          className="table-wrap"
          aria-label={t("requestsTitle")}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls; the keyboard must reach it (WCAG 2.1.1)
          tabIndex={0}
        >
          <table>
            <thead>
              <tr>
                <th scope="col">{t("title")}</th>
                <th scope="col">{t("unit")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
