import type { Prisma, PrismaClient } from "@medverkan/database";
import { isDatabaseUnavailable } from "../common/errors/format-error.js";
import { isReadOnlyViolation, type ReadRoute, type ReplicaRouter } from "./replica-router.js";

export type Tx = Prisma.TransactionClient;

export interface TransactionOptions {
  /** Upper bound for the whole transaction; a slow one is rolled back rather than holding a connection. */
  timeoutMs?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /**
   * A heavy read that tolerates a few seconds of staleness (statistics): on the replica whenever it is reachable,
   * even when it lags. Only in a read-only operation; ignored without a replica.
   */
  staleReadAllowed?: boolean;
}

/**
 * Transactions an operation shares among its service calls and DataLoader batches (operation-transaction.ts). `share`
 * runs the work in the operation's transaction for the tenant, or answers null when the operation does not share.
 */
export interface SharedTransactions {
  share<T>(
    target: { prisma: PrismaClient; tenantId: string; timeoutMs: number; maxWaitMs: number },
    work: (tx: Tx) => Promise<T>,
  ): Promise<T> | null;
}

/** The replica and this request's route, when the API has a replica (DATABASE_REPLICA_URL). */
export interface ReplicaRouting {
  router: ReplicaRouter;
  route: ReadRoute;
}

/** The database role tenant transactions run as: it owns no table and cannot bypass row-level security. */
export const APPLICATION_ROLE = "medverkan_app";

/**
 * The only way request code reaches tenant data: a transaction with the tenant and the application role set
 * transaction-locally (`set_config(..., true)`), so a pooled connection never carries either into the next request.
 * Row-level security policies read `app.tenant_id`; repositories also filter by tenant themselves, so either guard
 * alone keeps tenants apart.
 */
export class TenantScope {
  constructor(
    private readonly prisma: PrismaClient,
    readonly tenantId: string,
    private readonly defaultTimeoutMs = DEFAULT_TRANSACTION_TIMEOUT_MS,
    /** How long to wait for a pooled connection while every one is busy (the pool's own wait, see DatabaseLimits). */
    private readonly maxWaitMs = DEFAULT_TRANSACTION_MAX_WAIT_MS,
    private readonly replica: ReplicaRouting | null = null,
    /** The request's operation, whose transaction a call without options of its own joins when it shares one. */
    private readonly operation: SharedTransactions | null = null,
  ) {}

  /**
   * Runs `work` in a tenant transaction: the operation's own when it shares one (a query) and the call asks for nothing
   * else (no bound, isolation level or stale read of its own), otherwise a transaction for this call alone. With a
   * replica, calls keep their own transactions: a query's reads may move to the primary one by one (see onReplica).
   */
  transaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const replica = this.replica;
    const ownOptions = options.timeoutMs !== undefined || options.isolationLevel !== undefined || options.staleReadAllowed;
    if (this.operation && !replica && !ownOptions) {
      const shared = this.operation.share(
        { prisma: this.prisma, tenantId: this.tenantId, timeoutMs: this.defaultTimeoutMs, maxWaitMs: this.maxWaitMs },
        work,
      );
      if (shared) return shared;
    }
    if (replica?.route.readOnlyOperation && (options.staleReadAllowed ? replica.router.usable() : replica.router.fresh())) {
      return this.onReplica(replica, work, options);
    }
    if (replica) replica.route.wrote = true;
    return this.run(this.prisma, work, options);
  }

  /**
   * A query's transaction on the hot standby. If it turns out to write (an audited read records the access), the
   * standby refuses it (read-only) and it runs again, whole, on the primary, as does the rest of this request; if the
   * standby cannot be reached, it runs on the primary too.
   */
  private async onReplica<T>(replica: ReplicaRouting, work: (tx: Tx) => Promise<T>, options: TransactionOptions): Promise<T> {
    try {
      const result = await this.run(replica.router.prisma, work, options);
      replica.router.stats.replicaTransactions += 1;
      return result;
    } catch (error) {
      if (isReadOnlyViolation(error)) replica.route.readOnlyOperation = false;
      else if (isDatabaseUnavailable(error)) replica.router.markUnreachable();
      else throw error;
      replica.router.stats.primaryFallbacks += 1;
      replica.route.wrote = true;
      return this.run(this.prisma, work, options);
    }
  }

  private run<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>, options: TransactionOptions): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return prisma.$transaction(
      async (tx) => {
        await enterTenant(tx, this.tenantId, timeoutMs);
        return work(tx);
      },
      { timeout: timeoutMs, maxWait: this.maxWaitMs, isolationLevel: options.isolationLevel },
    );
  }
}

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;
/** A busy pool frees a connection within a transaction timeout; the wait allows that and a connect on top. */
export const DEFAULT_TRANSACTION_MAX_WAIT_MS = 15_000;

/**
 * Switches an open transaction to the application role and a tenant, both transaction-locally. Used by TenantScope,
 * and by the platform operation that creates a tenant and then writes its first rows in the same transaction.
 *
 * The same statement bounds the transaction on the server: a lock wait (`lock_timeout`) and an idle pause
 * (`idle_in_transaction_session_timeout`) each end within the transaction's own timeout. Without them a statement
 * waiting for a row lock kept waiting after the client gave the transaction up, until the statement timeout, holding
 * its connection.
 */
export async function enterTenant(tx: Tx, tenantId: string, timeoutMs = DEFAULT_TRANSACTION_TIMEOUT_MS): Promise<void> {
  const bound = String(Math.max(1, Math.round(timeoutMs)));
  await tx.$executeRaw`SELECT set_config('role', ${APPLICATION_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true),
    set_config('lock_timeout', ${bound}, true), set_config('idle_in_transaction_session_timeout', ${bound}, true)`;
}

/**
 * Platform-level access outside any tenant (tenant lookup by slug or issuer, the price base amount table).
 * Named so every bypass of tenant scoping is explicit and greppable.
 */
export function asSystem(prisma: PrismaClient): PrismaClient {
  return prisma;
}
