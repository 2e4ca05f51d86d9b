import type { PrismaClient } from "@medverkan/database";
import type { Locale } from "@medverkan/domain";
import type { Logger } from "pino";
import { AuditWriter } from "../audit/audit-writer.js";
import type { Actor } from "../auth/actor.js";
import type { PlatformSignIn } from "../auth/platform-issuers.js";
import type { Loaders, LoadersFactory } from "./loaders.js";
import { type OperationSharingSlots, OperationTransactions } from "./operation-transaction.js";
import { type ReplicaRouting, TenantScope } from "./tenant-scope.js";

/**
 * Built once per request after the token is verified, immutable, and passed first to every service call.
 * Services reach data only through `scope(tenantId)`; which tenant they may name is the service's decision
 * (the actor's own tenant, or a public operation's tenant), never the client's.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly locale: Locale;
  readonly actor: Actor;
  readonly audit: AuditWriter;
  readonly log: Logger;
  scope(tenantId: string): TenantScope;
  /** DataLoaders for one tenant, memoized for this request only. */
  loaders(tenantId: string): Loaders;
  /**
   * The transactions this request's GraphQL operation shares: a query's service calls and loaders run in one per
   * tenant (server/operation-transaction.ts begins and ends it). Outside a GraphQL operation (downloads, live
   * updates) nothing is shared and each call has its own.
   */
  readonly operation: OperationTransactions;
  /** Platform-level reads outside any tenant (tenants, price base amounts). */
  readonly system: PrismaClient;
  /** With a replica: where this request's tenant transactions may read (server/replica-routing.ts sets it). */
  readonly replica: ReplicaRouting | null;
  /** Where platform operators sign in with a browser (public); null when no platform issuer has a browser client. */
  readonly platformSignIn: PlatformSignIn | null;
}

export function createRequestContext(options: {
  requestId: string;
  locale: Locale;
  actor: Actor;
  prisma: PrismaClient;
  log: Logger;
  /** Default bound on each tenant transaction (TenantScope's own default when unset). */
  transactionTimeoutMs?: number;
  /** How long a transaction waits for a busy pool's connection (TenantScope's own default when unset). */
  poolWaitMs?: number;
  /** The hot standby and this request's route (read-only operations read there), when there is one. */
  replica?: ReplicaRouting | null;
  platformSignIn?: PlatformSignIn | null;
  /** This instance's slots for operations that share a transaction (GraphQL over HTTP); none: nothing is shared. */
  sharingSlots?: OperationSharingSlots | null;
  /**
   * Builds one tenant's DataLoaders: the composition root's registry (schema/loaders.ts), handed in by the server so
   * that the context, below the features, imports none of them.
   */
  createLoaders: LoadersFactory;
}): RequestContext {
  const operation = new OperationTransactions(options.sharingSlots ?? null);
  const scopes = new Map<string, TenantScope>();
  const loaders = new Map<string, Loaders>();
  const scope = (tenantId: string) => {
    let existing = scopes.get(tenantId);
    if (!existing) {
      existing = new TenantScope(
        options.prisma,
        tenantId,
        options.transactionTimeoutMs,
        options.poolWaitMs,
        options.replica ?? null,
        operation,
      );
      scopes.set(tenantId, existing);
    }
    return existing;
  };
  return Object.freeze({
    requestId: options.requestId,
    locale: options.locale,
    actor: options.actor,
    audit: new AuditWriter(options.actor),
    log: options.log,
    operation,
    system: options.prisma,
    replica: options.replica ?? null,
    platformSignIn: options.platformSignIn ?? null,
    scope,
    loaders(tenantId: string) {
      let existing = loaders.get(tenantId);
      if (!existing) {
        existing = options.createLoaders(scope(tenantId));
        loaders.set(tenantId, existing);
      }
      return existing;
    },
  });
}
