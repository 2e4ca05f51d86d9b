import type { PrismaClient, ReplicaLink } from "@medverkan/database";
import type { Logger } from "pino";

/** Default bound on a mutation's wait for the replica, and on the staleness a replica read may see. */
export const DEFAULT_REPLICA_WAIT_MS = 2_000;
const PROBE_INTERVAL_MS = 100;
const WAIT_POLL_MS = 5;

/**
 * Routes read-only work to a streaming replica without anyone missing what they wrote (issue 23).
 *
 * Two rules, which together give read-your-writes on every API instance without shared state:
 * 1. A mutation's answer waits (at most `waitMs`) until the replica has replayed the primary's WAL position taken
 *    after the mutation committed. In the normal case (replay lag of milliseconds) the write is then on the replica
 *    before anyone is told it happened.
 * 2. A read goes to the replica only while the replica has replayed a primary position sampled at most
 *    `waitMs / 2` ago (each instance samples both every 100 ms). A write whose wait timed out was committed at least
 *    `waitMs` before its answer, so any read after that answer finds the replica fresh enough or goes to the primary.
 * Heavy reads (statistics) may use a stale-but-reachable replica; anything that turns out to write, and every
 * mutation, runs on the primary.
 */
export class ReplicaRouter {
  /** Primary positions with the time their query was sent, oldest first (the last few seconds). */
  private samples: Array<{ at: number; lsn: bigint }> = [];
  /** The newest sample time the replica has been seen to have replayed; 0: never. */
  private freshAsOf = 0;
  private reachable = false;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  /** Counters for tests and the README's figures. */
  readonly stats = { replicaTransactions: 0, primaryFallbacks: 0, waits: 0, waitTimeouts: 0, maxWaitMs: 0, maxLagMs: 0 };

  constructor(
    private readonly link: ReplicaLink,
    private readonly log: Logger,
    readonly waitMs = DEFAULT_REPLICA_WAIT_MS,
  ) {}

  get prisma(): PrismaClient {
    return this.link.prisma;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.probe(), PROBE_INTERVAL_MS);
    this.timer.unref();
    void this.probe();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** May an ordinary read (one that must see every acknowledged write) go to the replica now? */
  fresh(now = Date.now()): boolean {
    return this.reachable && now - this.freshAsOf <= this.waitMs / 2;
  }

  /** May a heavy read that tolerates seconds of staleness (statistics) go to the replica? */
  usable(): boolean {
    return this.reachable;
  }

  /** The replica failed a transaction as unreachable: read from the primary until a probe finds it again. */
  markUnreachable(): void {
    this.reachable = false;
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const at = Date.now();
      const primary = await this.link.primaryLsn().catch(() => null);
      if (primary !== null) {
        this.samples.push({ at, lsn: primary });
        const horizon = at - Math.max(5_000, this.waitMs * 2);
        while (this.samples.length > 1 && (this.samples[0]?.at ?? at) < horizon) this.samples.shift();
      }
      const replayed = await this.link.replayedLsn();
      this.reachable = true;
      for (const sample of this.samples) if (sample.lsn <= replayed && sample.at > this.freshAsOf) this.freshAsOf = sample.at;
      const lag = Date.now() - this.freshAsOf;
      if (this.freshAsOf > 0 && lag > this.stats.maxLagMs && lag < 60_000) this.stats.maxLagMs = lag;
    } catch {
      this.reachable = false;
    } finally {
      this.probing = false;
    }
  }

  /**
   * After a mutation committed: wait until the replica has replayed the primary's current position. Throws when
   * the primary cannot be asked (the write's fate on the replica is unknown); returns false when the wait timed out.
   */
  async awaitReplay(): Promise<boolean> {
    const started = Date.now();
    const target = await this.link.primaryLsn();
    this.stats.waits += 1;
    for (;;) {
      const replayed = await this.link.replayedLsn().catch(() => null);
      const elapsed = Date.now() - started;
      if (replayed !== null && replayed >= target) {
        if (elapsed > this.stats.maxWaitMs) this.stats.maxWaitMs = elapsed;
        return true;
      }
      if (elapsed >= this.waitMs) {
        this.stats.waitTimeouts += 1;
        this.log.warn({ waitedMs: elapsed }, "replica did not replay a write in time; reads go to the primary until it catches up");
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  }
}

/**
 * What one GraphQL request may do with the replica: set when its operation is known (a query may read there), and
 * turned off when any of its work turns out to write.
 */
export interface ReadRoute {
  readOnlyOperation: boolean;
  /** Something in this request wrote (a mutation, or a read that records an audited access): wait for the replica. */
  wrote: boolean;
}

export const newReadRoute = (): ReadRoute => ({ readOnlyOperation: false, wrote: false });

/** PostgreSQL's "cannot execute … in a read-only transaction" (SQLSTATE 25006), as any layer wraps it. */
export function isReadOnlyViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    const candidate = current as { code?: string; message?: string; cause?: unknown; originalCode?: string };
    if (candidate.code === "25006" || candidate.originalCode === "25006") return true;
    if (candidate.message && /read-only transaction/i.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}
