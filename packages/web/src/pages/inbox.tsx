import { useMutation, useQuery } from "urql";
import { graphql } from "../generated";
import { formatDate, useI18n } from "../i18n";

// The in-app inbox beside e-mail: what happened, newest first, marked read or unread.

const InboxPageDocument = graphql(`
  query InboxPage {
    myInbox {
      unreadCount
      notifications(first: 50) {
        nodes { id kind title summary subjectType subjectId createdAt read }
      }
    }
  }
`);

const MarkDocument = graphql(`
  mutation MarkInboxNotifications($input: MarkInboxNotificationsInput!) {
    markInboxNotifications(input: $input) {
      unreadCount
      notifications { id read readAt }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const MarkAllDocument = graphql(`
  mutation MarkAllInboxNotificationsRead {
    markAllInboxNotificationsRead { marked unreadCount }
  }
`);

export function InboxPage() {
  const { t, language } = useI18n();
  const [{ data, fetching, error }, refetch] = useQuery({ query: InboxPageDocument, requestPolicy: "network-only" });
  const [, mark] = useMutation(MarkDocument);
  const [, markAll] = useMutation(MarkAllDocument);
  if (fetching && !data) return <p>{t("loading")}</p>;
  if (error) return <p role="alert">{error.message}</p>;
  const lines = data?.myInbox?.notifications.nodes ?? [];
  const again = () => refetch({ requestPolicy: "network-only" });
  return (
    <>
      <h1>{t("inboxTitle")}</h1>
      <p aria-live="polite">{t("unreadCount", { count: String(data?.myInbox?.unreadCount ?? 0) })}</p>
      {lines.some((line) => !line.read) ? (
        <p>
          <button type="button" className="secondary" onClick={() => void markAll({}).then(again)}>
            {t("markAllRead")}
          </button>
        </p>
      ) : null}
      {lines.length === 0 ? <p>{t("inboxEmpty")}</p> : null}
      {lines.map((line) => (
        <article key={line.id} className={line.read ? "card" : "card unread"} aria-labelledby={`line-${line.id}`}>
          <h2 id={`line-${line.id}`}>
            {line.read ? null : <span className="badge">{t("unread")}</span>} {line.title}
          </h2>
          <p>{line.summary}</p>
          <p>
            <small>{formatDate(line.createdAt, language, true)}</small>{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => void mark({ input: { ids: [line.id], read: !line.read } }).then(again)}
            >
              {line.read ? t("markUnread") : t("markRead")}
            </button>
          </p>
        </article>
      ))}
    </>
  );
}
