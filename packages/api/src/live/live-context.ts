import type { Locale } from "@medverkan/domain";
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import type { AuditWriter } from "../audit/audit-writer.js";
import type { Actor } from "../auth/actor.js";
import type { Loaders } from "../context/loaders.js";
import type { RequestContext } from "../context/request-context.js";
import type { TenantScope } from "../context/tenant-scope.js";
import type { LiveSession } from "./live-feed.js";

const OVER_HTTP = {
  sv: "Prenumerationer körs över WebSocket (graphql-transport-ws) på /graphql.",
  en: "Subscriptions run over WebSocket (graphql-transport-ws) at /graphql.",
};

/**
 * The context of one subscription. It is the same `RequestContext` every service takes, but a subscription lives
 * long: for each change the connection's token is verified again and the actor, its grants, the DataLoaders and the
 * permission cache are built afresh (`replace`), so nothing read for an earlier change is served for a later one and
 * a revoked grant takes effect at the next change, as on the next HTTP request.
 */
export class LiveContext implements RequestContext {
  /** graphql-shield's per-context cache; dropped with each new actor. */
  _shield?: unknown;

  constructor(
    private current: RequestContext,
    private readonly build: (actor: Actor) => RequestContext,
    readonly live: LiveSession,
  ) {}

  replace(actor: Actor): void {
    this.current = this.build(actor);
    this._shield = undefined;
  }

  get requestId(): string {
    return this.current.requestId;
  }
  get locale(): Locale {
    return this.current.locale;
  }
  get actor(): Actor {
    return this.current.actor;
  }
  get audit(): AuditWriter {
    return this.current.audit;
  }
  get log(): Logger {
    return this.current.log;
  }
  get system() {
    return this.current.system;
  }
  /** Subscriptions read on the primary: a change is announced once written there, a standby may not have it yet. */
  get replica() {
    return this.current.replica;
  }
  /** Never shares: each change is read in transactions of its own (the context is rebuilt per change). */
  get operation() {
    return this.current.operation;
  }
  get platformSignIn() {
    return this.current.platformSignIn;
  }
  scope(tenantId: string): TenantScope {
    return this.current.scope(tenantId);
  }
  loaders(tenantId: string): Loaders {
    return this.current.loaders(tenantId);
  }
}

/** The live session behind a subscription; a subscription field reached any other way (it cannot be, over HTTP) is refused. */
export function liveSessionOf(ctx: RequestContext): LiveSession {
  const live = (ctx as Partial<LiveContext>).live;
  if (!live) throw new GraphQLError(OVER_HTTP.en, { extensions: { code: "BAD_REQUEST", messages: OVER_HTTP } });
  return live;
}
