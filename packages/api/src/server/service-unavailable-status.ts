import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApiErrorCode, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from "../common/errors/api-error.js";

/**
 * One condition, one answer: whenever a response carries SERVICE_UNAVAILABLE (the database is down, the pool gave no
 * connection in time, a statement or transaction timed out), it is HTTP 503 with `Retry-After` — wherever the error
 * arose: in a resolver (Apollo would answer 200 with partial data), in a request hook such as the rate limit (Apollo
 * would answer 500), or in a mutation. The error formatter has already turned every such failure into the code.
 */
export function serviceUnavailableStatus<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors ?? [];
          if (!errors.some((error) => error.extensions?.code === ApiErrorCode.SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
