import { GraphQLError, type ValidationRule } from "graphql";

const MESSAGES = {
  sv: "Prenumerationer (subscription) stöds inte. Använd query eller mutation.",
  en: "Subscriptions are not supported. Use a query or a mutation.",
};

/**
 * The API has no subscription type and serves plain HTTP only, so a `subscription` document can never run. Refused
 * while the document is validated — a 400 GRAPHQL_VALIDATION_FAILED with a clear message — instead of failing later in
 * execution as an internal error.
 */
export const refuseSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== "subscription") return;
    context.reportError(
      new GraphQLError(MESSAGES.en, { nodes: [node], extensions: { reason: "SUBSCRIPTION_NOT_SUPPORTED", messages: MESSAGES } }),
    );
  },
});
