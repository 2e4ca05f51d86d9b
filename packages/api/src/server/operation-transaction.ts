import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { RequestContext } from "../context/request-context.js";

/**
 * One transaction per query operation (context/operation-transaction.ts): sharing begins once the operation is known
 * to be a query, and the transactions end when it has run — in `executionDidEnd`, which Apollo awaits after the answer
 * is built and before any `willSendResponse`, so the commit comes before the answer leaves, and the status plugins see
 * what this one puts in its place. If the commit fails, the answer is that error alone: nothing read under a
 * transaction whose audit rows were not kept is sent.
 */
export function operationTransactionPlugin(
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const operation = contextValue.operation;
      return {
        async didResolveOperation({ operation: definition }) {
          if (definition?.operation === "query") operation.beginSharing();
        },
        async executionDidStart({ response }) {
          return {
            async executionDidEnd(executionError) {
              const failure = await operation.finish(!executionError);
              if (!failure || executionError || response.body?.kind !== "single") return;
              response.body.singleResult = { errors: [formatError({ message: "" }, failure)] };
            },
          };
        },
        // Execution never started (a request hook refused the operation): nothing was shared, or it is rolled back.
        async willSendResponse() {
          await operation.finish(false);
        },
      };
    },
  };
}
