import type { PrismaClient } from "@medverkan/database";
import { GraphQLError } from "graphql";
import { enterTenant, type SharedTransactions, type Tx } from "./tenant-scope.js";

/**
 * The transactions of one GraphQL query operation: one per tenant it reads, opened when the first service call or
 * DataLoader batch needs it, shared by every later one, and committed once when the operation has run
 * (server/operation-transaction.ts). A page of requests with its invitations and members used to be five
 * transactions — BEGIN, the tenant's `set_config`, COMMIT and a pooled connection each — and is now one.
 *
 * Queries only, for now. A mutation's calls still have a transaction each: sharing one there needs a savepoint per
 * call, so that a call that fails takes only its own writes back, and calls that nest (a loader awaited inside a
 * service's transaction) would have to be told apart from calls that merely overlap.
 *
 * Queries write too — an audited read records who read whom — so the shared transaction is read-write, and its
 * commit is part of the answer: if the commit fails, no data that was read under it is sent (the plugin answers with
 * the error instead), just as a failed audit write fails the request when each read had its own transaction.
 */
export class OperationTransactions implements SharedTransactions {
  private state: "not-shared" | "sharing" | "finished" = "not-shared";
  private readonly byTenant = new Map<string, SharedTenantTransaction>();

  /** `slots`: this instance's (null: nothing is shared, as outside a GraphQL operation). */
  constructor(private readonly slots: OperationSharingSlots | null = null) {}

  /**
   * From now on, tenant transactions without options of their own join the operation's — if a slot is free; if not,
   * the operation runs as every operation did before, a transaction per call.
   */
  beginSharing(): void {
    if (this.state !== "not-shared" || !this.slots?.take()) return;
    this.state = "sharing";
  }

  share<T>(
    target: { prisma: PrismaClient; tenantId: string; timeoutMs: number; maxWaitMs: number },
    work: (tx: Tx) => Promise<T>,
  ): Promise<T> | null {
    if (this.state !== "sharing") return null;
    let shared = this.byTenant.get(target.tenantId);
    if (!shared) {
      shared = new SharedTenantTransaction(target.prisma, target.tenantId, target.timeoutMs, target.maxWaitMs);
      this.byTenant.set(target.tenantId, shared);
    }
    return shared.run(work);
  }

  /**
   * Ends the operation's transactions: commits them when `commit` is true and none of them met a database error,
   * rolls them back otherwise. Returns what kept a transaction that should have committed from committing (a
   * participant's database error, or the commit's own), or null. Later calls run in transactions of their own.
   */
  async finish(commit: boolean): Promise<unknown> {
    if (this.state === "sharing") this.slots?.give();
    this.state = "finished";
    let failure: unknown = null;
    const open = [...this.byTenant.values()];
    this.byTenant.clear();
    for (const shared of open) {
      const outcome = await shared.end(commit);
      failure ??= outcome;
    }
    return failure;
  }
}

/**
 * How many operations of one API instance may share a transaction at the same time. An operation that holds one may
 * still need a second connection — a platform read through `ctx.system`, or a call with options of its own such as
 * statistics' longer bound — and if every pooled connection were held by such operations, each would wait for
 * another's until the pool's wait ran out. So a quarter of the pool (at least one connection) is never held by a
 * shared transaction: whatever waits for a second connection gets one as soon as a short transaction ends.
 *
 * PGlite is a single session that runs one transaction at a time: a transaction held open there would make every
 * other read wait for the operation to end, so nothing is shared on it (and a pool of one shares nothing either).
 */
export class OperationSharingSlots {
  private taken = 0;

  private constructor(readonly size: number) {}

  static for(database: { kind: "postgres" | "embedded"; poolSize: number }): OperationSharingSlots {
    if (database.kind === "embedded") return new OperationSharingSlots(0);
    const reserved = Math.max(1, Math.floor(database.poolSize / 4));
    return new OperationSharingSlots(Math.max(0, database.poolSize - reserved));
  }

  take(): boolean {
    if (this.taken >= this.size) return false;
    this.taken += 1;
    return true;
  }

  give(): void {
    this.taken = Math.max(0, this.taken - 1);
  }

  get inUse(): number {
    return this.taken;
  }
}

/** Why a shared transaction was rolled back on purpose (never seen by a client). */
const ROLLED_BACK = Symbol("rolled back");

/**
 * One tenant's transaction held open across an operation. Prisma's interactive transaction lives as long as its
 * callback, so the callback hands its client over and then waits for the operation's verdict. Participants that run
 * at the same time queue on its one connection, in the order they ask (Prisma runs a transaction's queries in turn).
 */
class SharedTenantTransaction {
  private readonly ready: Promise<Tx>;
  private readonly ended: Promise<void>;
  private settle!: (commit: boolean) => void;
  /** The first error a participant met that was not a GraphQL error of its own: the transaction may be aborted. */
  private failure: unknown = null;
  /** Participants that have not finished yet. */
  private readonly running = new Set<Promise<unknown>>();

  constructor(prisma: PrismaClient, tenantId: string, timeoutMs: number, maxWaitMs: number) {
    const verdict = new Promise<boolean>((resolve) => {
      this.settle = resolve;
    });
    let handOver!: (tx: Tx) => void;
    let refuse!: (error: unknown) => void;
    this.ready = new Promise<Tx>((resolve, reject) => {
      handOver = resolve;
      refuse = reject;
    });
    this.ended = prisma.$transaction(
      async (tx) => {
        await enterTenant(tx, tenantId, timeoutMs);
        handOver(tx);
        if (!(await verdict)) throw ROLLED_BACK;
      },
      { timeout: timeoutMs, maxWait: maxWaitMs },
    );
    // No connection in time, or the tenant could not be entered: every participant gets that error. (Rejecting a
    // promise that has already resolved does nothing.)
    this.ended.catch(refuse);
    this.ready.catch(() => undefined);
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const running = this.participate(work);
    this.running.add(running);
    const done = () => this.running.delete(running);
    running.then(done, done);
    return running;
  }

  private async participate<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const tx = await this.ready;
    try {
      return await work(tx);
    } catch (error) {
      // A GraphQL error is the service's own answer (bad input, not found, forbidden) and leaves the transaction as it
      // was; anything else may have come from the database, which then refuses every later statement until rollback.
      if (!(error instanceof GraphQLError)) this.failure ??= error;
      throw error;
    }
  }

  async end(commit: boolean): Promise<unknown> {
    // GraphQL execution can end before every call it started has: when a field fails and takes its parent down to
    // null, graphql-js answers without waiting for the parent's other fields. Those calls run on, in this transaction;
    // it ends when they have, so none of them meets a closed transaction and what they wrote goes with the verdict.
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    const committing = commit && this.failure === null;
    this.settle(committing);
    try {
      await this.ended;
      return null;
    } catch (error) {
      if (error === ROLLED_BACK) return commit ? this.failure : null;
      return commit ? (this.failure ?? error) : null;
    }
  }
}
