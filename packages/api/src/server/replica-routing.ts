import type { ApolloServerPlugin } from "@apollo/server";
import { ApiErrorCode, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";

const WRITE_NOT_CONFIRMED = {
  sv: "Ändringen kunde inte bekräftas eftersom databasen byter server. Försök igen; samma Idempotency-Key ger inte en dubblett.",
  en: "The change could not be confirmed because the database is switching servers. Please retry; the same Idempotency-Key does not make a duplicate.",
};

/**
 * With a replica (DATABASE_REPLICA_URL): a query operation's transactions may read on the replica (set here once
 * the operation is known), and any request that wrote waits, before its answer, until the replica has replayed the
 * write (context/replica-router.ts). If the primary cannot even be asked where it stands — it went away right after
 * the commit, as in a failover — the write may not survive the failover, so it is not acknowledged: the answer is a
 * retryable SERVICE_UNAVAILABLE (`reason: WRITE_NOT_CONFIRMED`) instead of a success that could later turn out lost.
 */
export function replicaRoutingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const replica = contextValue.replica;
      if (!replica) return;
      return {
        async didResolveOperation({ operation }) {
          replica.route.readOnlyOperation = operation?.operation === "query";
        },
        async willSendResponse({ response }) {
          if (!replica.route.wrote) return;
          try {
            await replica.router.awaitReplay();
          } catch {
            if (response.body.kind !== "single") return;
            const locale = contextValue.locale;
            // Apollo runs the plugins' willSendResponse hooks at once, so the status is set here, not left to
            // serviceUnavailableStatus (which looked before this answer existed).
            response.http.status = 503;
            response.http.headers.set("retry-after", String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
            response.body.singleResult = {
              errors: [
                {
                  message: WRITE_NOT_CONFIRMED[locale],
                  extensions: {
                    code: ApiErrorCode.SERVICE_UNAVAILABLE,
                    retryable: true,
                    reason: "WRITE_NOT_CONFIRMED",
                    messages: WRITE_NOT_CONFIRMED,
                  },
                },
              ],
            };
          }
        },
      };
    },
  };
}
