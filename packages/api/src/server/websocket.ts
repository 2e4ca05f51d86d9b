import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Database } from "@medverkan/database";
import { type Locale, resolveLocale } from "@medverkan/domain";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from "graphql";
import type { Context as WsContext } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { decodeJwt } from "jose";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import type { Actor } from "../auth/actor.js";
import type { Authenticator } from "../auth/authenticate.js";
import { TokenRejected } from "../auth/token-verifier.js";
import { createErrorFormatter } from "../common/errors/format-error.js";
import { createRequestContext } from "../context/request-context.js";
import { LiveContext } from "../live/live-context.js";
import type { LiveEventHub } from "../live/live-event.js";
import { createLoaders } from "../schema/loaders.js";
import { MAX_QUERY_COST, operationCost, QUERY_TOO_COMPLEX_MESSAGE } from "./query-cost.js";

// GraphQL subscriptions over WebSocket (graphql-ws, protocol `graphql-transport-ws`) on the API's own server and path
// (`/graphql`). Queries and mutations stay on HTTP, where the rate limits, query cost and idempotency keys are.
//
// The token goes in the `connection_init` payload (`{ "authorization": "Bearer …" }`; browsers cannot set headers on a
// WebSocket) and is verified exactly as on HTTP (authenticate.ts: signature, issuer, audience, expiry, the tenant it is
// for, the account and its grants). It is verified again before every subscription starts and before every change is
// delivered, and the connection is closed when it expires:
//
//   4401 Unauthorized  no token, a token that does not verify, or the token expired (at `exp`, without waiting for a
//                      change); the reason says which (`LOGIN_REQUIRED`, `TOKEN_INVALID`, `TOKEN_EXPIRED`). Connect again
//                      with a new token; graphql-ws clients do not retry 4401 by themselves.
//   4403 Forbidden     a platform operator (there is nothing for them to follow).
//   1013 Try again     the database or the identity provider's keys could not be reached while checking the token.
//   1001 Going away    the server is shutting down.

/** Open subscriptions on one connection. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 25;

export const LIVE_CLOSE = {
  unauthorized: 4401,
  forbidden: 4403,
  tryAgainLater: 1013,
} as const;

interface ConnectionState {
  id: string;
  token: string;
  actor: Actor;
  locale: Locale;
  log: Logger;
  expiryTimer: NodeJS.Timeout | null;
  operations: number;
}

type Extra = { socket: import("ws").WebSocket; request: IncomingMessage; state?: ConnectionState };

const MESSAGES = {
  httpOnly: {
    sv: "Över WebSocket körs bara prenumerationer (subscription). Skicka query och mutation över HTTP.",
    en: "Only subscriptions run over WebSocket. Send queries and mutations over HTTP.",
  },
  tooMany: {
    sv: `Högst ${MAX_SUBSCRIPTIONS_PER_CONNECTION} prenumerationer per anslutning.`,
    en: `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection.`,
  },
};

const bilingual = (message: { sv: string; en: string }, locale: Locale, code: string) =>
  new GraphQLError(message[locale], { extensions: { code, messages: message } });

function bearerOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const value = params?.authorization ?? params?.Authorization;
  if (typeof value !== "string" || value.trim() === "") return null;
  // `Bearer <token>` as in the HTTP header, or the bare token.
  return /^Bearer\s/i.test(value.trim()) ? value.trim() : `Bearer ${value.trim()}`;
}

/** Same person, same tenant: a token's identity cannot change under a subscription (its grants may). */
function sameIdentity(a: Actor, b: Actor): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "STAFF" && b.kind === "STAFF") return a.tenantId === b.tenantId && a.staffUserId === b.staffUserId;
  if (a.kind === "MEMBER" && b.kind === "MEMBER") return a.tenantId === b.tenantId && a.memberId === b.memberId;
  if (a.kind === "CITIZEN" && b.kind === "CITIZEN") return a.tenantId === b.tenantId && a.subject === b.subject;
  return false;
}

export interface LiveServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  database: Database;
  authenticator: Authenticator;
  hub: LiveEventHub;
  log: Logger;
  /** The same validation rules as HTTP (depth, aliases, directives, tokens). */
  validationRules: readonly ValidationRule[];
  maxPayloadBytes: number;
  /** Exact origins allowed besides the API's own (CORS_ORIGINS); a browser elsewhere is refused before the upgrade. */
  corsOrigins: readonly string[];
  transactionTimeoutMs?: number;
  poolWaitMs?: number;
  /** True while the server drains: new connections are refused (503). */
  shuttingDown: () => boolean;
}

export interface RunningLiveServer {
  /** Closes every connection (1001) and stops taking new ones. */
  stop(): Promise<void>;
  /** Open connections (for tests and logs). */
  readonly connections: number;
}

export function startLiveServer(options: LiveServerOptions): RunningLiveServer {
  const { log } = options;
  const formatError = createErrorFormatter(log);
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  let nextConnection = 0;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== "/graphql") return refuse(404, "Not Found");
    if (options.shuttingDown()) return refuse(503, "Service Unavailable");
    // Cross-site WebSocket hijacking needs ambient credentials, which a bearer token in the payload is not; still, a
    // browser page from an origin the API does not serve or list gets no socket, as it gets no CORS answer.
    const origin = request.headers.origin;
    if (origin && !sameOrigin(origin, request) && !options.corsOrigins.includes(origin)) return refuse(403, "Forbidden");
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  };
  options.httpServer.on("upgrade", onUpgrade);

  type Checked = { ok: true; actor: Actor; token: string } | { ok: false; refused: { code: number; reason: string } };
  const authenticate = async (ctx: WsContext<Record<string, unknown>, Extra>, state: ConnectionState | undefined): Promise<Checked> => {
    const token = state?.token ?? bearerOf(ctx.connectionParams);
    if (!token) return { ok: false, refused: { code: LIVE_CLOSE.unauthorized, reason: "Unauthorized: LOGIN_REQUIRED" } };
    try {
      return { ok: true, actor: await options.authenticator.authenticate(token), token };
    } catch (error) {
      if (error instanceof TokenRejected) {
        const reason = error.reason === "ERR_JWT_EXPIRED" ? "TOKEN_EXPIRED" : "TOKEN_INVALID";
        return { ok: false, refused: { code: LIVE_CLOSE.unauthorized, reason: `Unauthorized: ${reason}` } };
      }
      log.warn({ err: error }, "live updates: the token could not be checked");
      return { ok: false, refused: { code: LIVE_CLOSE.tryAgainLater, reason: "Try again later" } };
    }
  };

  const close = (ctx: WsContext<Record<string, unknown>, Extra>, code: number, reason: string) => {
    const state = ctx.extra.state;
    if (state?.expiryTimer) clearTimeout(state.expiryTimer);
    state?.log.info({ code, reason }, "live connection closed by the server");
    ctx.extra.socket.close(code, reason);
  };

  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const checked = await authenticate(ctx, undefined);
        if (!checked.ok) {
          close(ctx, checked.refused.code, checked.refused.reason);
          return false;
        }
        if (checked.actor.kind === "PLATFORM_OPERATOR" || checked.actor.kind === "ANONYMOUS") {
          close(ctx, LIVE_CLOSE.forbidden, "Forbidden");
          return false;
        }
        const id = `ws-${process.pid}-${++nextConnection}`;
        const acceptLanguage = ctx.connectionParams?.acceptLanguage ?? ctx.extra.request.headers["accept-language"];
        const state: ConnectionState = {
          id,
          token: checked.token,
          actor: checked.actor,
          locale: resolveLocale(typeof acceptLanguage === "string" ? acceptLanguage : undefined),
          log: log.child({ connection: id }),
          expiryTimer: null,
          operations: 0,
        };
        ctx.extra.state = state;
        // Closed at `exp`, whether or not anything happens meanwhile (the token was just verified, so it decodes).
        const expiresAt = Number(decodeJwt(checked.token.replace(/^Bearer\s+/i, "")).exp) * 1000;
        const left = Math.max(0, expiresAt - Date.now());
        state.expiryTimer = setTimeout(
          () => close(ctx, LIVE_CLOSE.unauthorized, "Unauthorized: TOKEN_EXPIRED"),
          Math.min(left, 2 ** 31 - 1),
        );
        state.expiryTimer.unref();
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = ctx.extra.state;
        if (!state) return [new GraphQLError("Not connected", { extensions: { code: "UNAUTHENTICATED" } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: 2_000 });
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } })];
        }
        const errors = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length > 0) {
          return errors.map(
            (error) =>
              new GraphQLError(error.message, {
                nodes: error.nodes,
                extensions: { ...error.extensions, code: "GRAPHQL_VALIDATION_FAILED" },
              }),
          );
        }
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== "subscription") return [bilingual(MESSAGES.httpOnly, state.locale, "BAD_REQUEST")];
        // The same cost limit as HTTP: every change delivered runs the whole selection.
        const fragments: Record<string, FragmentDefinitionNode> = {};
        for (const definition of document.definitions) {
          if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
        }
        const cost = operationCost(options.schema, operation, fragments, payload.variables ?? {});
        if (cost > MAX_QUERY_COST) {
          const message = QUERY_TOO_COMPLEX_MESSAGE(cost, MAX_QUERY_COST);
          return [
            new GraphQLError(message[state.locale], {
              extensions: { code: "QUERY_TOO_COMPLEX", messages: message, cost: { requested: cost, limit: MAX_QUERY_COST } },
            }),
          ];
        }
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [bilingual(MESSAGES.tooMany, state.locale, "RATE_LIMITED")];
        }
        // The caller is checked again now (a grant revoked since connecting counts), and before every change.
        const checked = await authenticate(ctx, state);
        if (!checked.ok) {
          close(ctx, checked.refused.code, checked.refused.reason);
          return [new GraphQLError("Unauthorized", { extensions: { code: "UNAUTHENTICATED" } })];
        }
        state.actor = checked.actor;
        const operationId = `${state.id}:${id}`;
        let changes = 0;
        const build = (actor: Actor) =>
          createRequestContext({
            requestId: `${operationId}:${changes++}`,
            locale: state.locale,
            actor,
            prisma: options.database.prisma,
            log: state.log,
            transactionTimeoutMs: options.transactionTimeoutMs,
            poolWaitMs: options.poolWaitMs,
            createLoaders,
          });
        const contextValue: LiveContext = new LiveContext(build(state.actor), build, {
          hub: options.hub,
          refresh: async () => {
            const again = await authenticate(ctx, state);
            if (!again.ok) {
              close(ctx, again.refused.code, again.refused.reason);
              return false;
            }
            if (!sameIdentity(again.actor, state.actor)) {
              close(ctx, LIVE_CLOSE.unauthorized, "Unauthorized: TOKEN_INVALID");
              return false;
            }
            state.actor = again.actor;
            contextValue.replace(again.actor);
            return true;
          },
        });
        state.operations += 1;
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) };
      },
      onClose: (ctx) => {
        const state = ctx.extra.state;
        if (state?.expiryTimer) clearTimeout(state.expiryTimer);
      },
    },
    wss,
  );

  let stopping: Promise<void> | undefined;
  return {
    get connections() {
      return wss.clients.size;
    },
    // Once: a graceful shutdown stops the server and its owner stops it again; closing `ws` twice is an error.
    stop() {
      stopping ??= (async () => {
        options.httpServer.off("upgrade", onUpgrade);
        for (const client of wss.clients) client.close(1001, "Going away");
        await server.dispose();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return stopping;
    },
  };
}

function sameOrigin(origin: string, request: IncomingMessage): boolean {
  const host = request.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
