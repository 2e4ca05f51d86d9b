import type { ApolloServerPlugin, BaseContext } from "@apollo/server";

/**
 * Every answer of the API is some tenant's or person's data, never to be kept by a cache: `Cache-Control: no-store`,
 * the header Apollo's built-in cache-control plugin set (no field carries a cache hint, so its policy was always
 * "uncacheable"). That plugin is switched off in its favour because it works its policy out field by field: it wraps
 * every resolver of the schema, a cost paid on each of the thousands of fields of a page of requests (issue 10).
 */
export function noStorePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}
