import { GraphQLError, type ValidationRule } from "graphql";

const MESSAGES = {
  sv: "Prenumerationer (subscription) körs över WebSocket (graphql-transport-ws) på /graphql, inte över HTTP.",
  en: "Subscriptions run over WebSocket (graphql-transport-ws) at /graphql, not over HTTP.",
};

/**
 * Subscriptions are served over WebSocket only (websocket.ts); over HTTP a `subscription` document cannot run.
 * Refused while the document is validated — a 400 GRAPHQL_VALIDATION_FAILED with a clear message — instead of failing
 * later in execution as an internal error.
 */
export const refuseSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== "subscription") return;
    context.reportError(
      new GraphQLError(MESSAGES.en, { nodes: [node], extensions: { reason: "SUBSCRIPTION_NOT_SUPPORTED", messages: MESSAGES } }),
    );
  },
});
