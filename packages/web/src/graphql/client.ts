import { Client, fetchExchange } from "@urql/core";
import { currentSession, setSession } from "../auth/session";
import { currentLanguage } from "../i18n";

// One client for the whole app, on the public API only. The session's token goes as a bearer token; the language
// goes as Accept-Language so the API's error messages come in the language the person reads.
export function createGraphqlClient(): Client {
  return new Client({
    url: "/graphql",
    exchanges: [fetchExchange],
    requestPolicy: "cache-and-network",
    preferGetMethod: false,
    fetchOptions: () => {
      const session = currentSession();
      return {
        headers: {
          "accept-language": currentLanguage(),
          ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
        },
      };
    },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      // A token the API no longer accepts ends the session instead of leaving every page failing.
      if (response.status === 401) setSession(null);
      return response;
    },
  });
}
