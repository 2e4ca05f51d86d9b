import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError } from "graphql";

/** A document over graphql-armor's token limit: the client's fault, answered 400. */
class TokenLimitExceeded extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } });
  }
}

/**
 * graphql-armor's token limit parses the document in Apollo's `parsingDidStart` hook. Apollo treats anything thrown
 * from a hook as unexpected, and armor's own `unexpectedErrorProcessingRequest` relabels every unexpected error — ours
 * included — as GRAPHQL_VALIDATION_FAILED with status 500: a client's typo looked like our fault, and our faults like
 * the client's. This wrapper keeps the limit and gives both their right answer:
 * - a syntax error (it has a location in the document) is left to Apollo's own parser: 400 GRAPHQL_PARSE_FAILED;
 * - the token limit (thrown by the lexer, without a location, before the document is read whole): 400
 *   GRAPHQL_VALIDATION_FAILED, passed on through the one hook Apollo lets replace an unexpected error;
 * - any other unexpected error stays an internal one (500, masked).
 */
export function withClientErrorStatus<Context extends BaseContext>(plugin: ApolloServerPlugin<Context>): ApolloServerPlugin<Context> {
  const { unexpectedErrorProcessingRequest: _relabelsEveryError, ...rest } = plugin;
  return {
    ...rest,
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof TokenLimitExceeded) throw error;
    },
    async requestDidStart(requestContext) {
      const listener = await plugin.requestDidStart?.(requestContext);
      if (!listener?.parsingDidStart) return listener;
      const parsingDidStart = listener.parsingDidStart.bind(listener);
      return {
        ...listener,
        async parsingDidStart(parsingContext) {
          try {
            return await parsingDidStart(parsingContext);
          } catch (error) {
            // graphql-armor throws its own (CommonJS) copy of graphql's error class, so no instanceof here.
            if (!(error instanceof Error) || !error.message.startsWith("Syntax Error")) throw error;
            if ((error as { locations?: readonly unknown[] }).locations?.length) return undefined;
            throw new TokenLimitExceeded(error.message);
          }
        },
      };
    },
  };
}
