import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { wwwAuthenticate } from "../common/errors/api-error.js";

/**
 * A field that needs a login, asked for without a token, answers UNAUTHENTICATED (HTTP 401) with a
 * `WWW-Authenticate: Bearer` challenge (RFC 6750), so a front end knows to send the person to sign in. A rejected or
 * expired token gets its own challenge where the token is checked (create-server.ts).
 */
export function loginChallengePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, errors }) {
          if (response.http.headers.has("www-authenticate")) return;
          const reason = (errors ?? [])
            .map((error) => error.extensions?.reason)
            .find((candidate) => candidate === "LOGIN_REQUIRED" || candidate === "TOKEN_EXPIRED" || candidate === "TOKEN_INVALID");
          if (reason) response.http.headers.set("www-authenticate", wwwAuthenticate(reason));
        },
      };
    },
  };
}
