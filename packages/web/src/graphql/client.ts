import { Client, fetchExchange, subscriptionExchange } from "@urql/core";
import { createClient as createLiveClient, type Client as LiveClient } from "graphql-ws";
import { currentSession, setSession } from "../auth/session";
import { currentLanguage } from "../i18n";

/** The WebSocket of the current session (subscriptions); closed when the session changes. */
let live: LiveClient | null = null;

// One client for the whole app, on the public API only. The session's token goes as a bearer token; the language
// goes as Accept-Language so the API's error messages come in the language the person reads.
export function createGraphqlClient(): Client {
  void live?.dispose();
  live = null;
  if (currentSession()) {
    const url = new URL("/graphql", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    live = createLiveClient({
      url: url.href,
      lazy: true,
      // The token is read when (re)connecting; the API closes the socket with 4401 when it expires.
      connectionParams: () => {
        const session = currentSession();
        return { acceptLanguage: currentLanguage(), ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}) };
      },
    });
  }
  const socket = live;
  return new Client({
    url: "/graphql",
    exchanges: [
      fetchExchange,
      ...(socket
        ? [
            subscriptionExchange({
              forwardSubscription: (request) => ({
                subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? "" }, sink) }),
              }),
            }),
          ]
        : []),
    ],
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
