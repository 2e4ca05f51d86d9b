import type { Database, PrismaClient } from "@medverkan/database";
import { validateStatisticsQuery } from "@medverkan/domain";
import type { Logger } from "pino";
import { TenantScope } from "../context/tenant-scope.js";
import { computeStatistics } from "./statistics.service.js";
import { type StatisticsMemo, statisticsMemo } from "./statistics-memo.js";

/** The NOTIFY channel migration 20261208150000 announces each new statistics data version on (payload: tenant id). */
export const STATISTICS_CHANNEL = "medverkan_statistics";

export interface StatisticsWarmupSettings {
  /** Changes of one tenant within this long are warmed once, after the last (a write is often several transactions). */
  debounceMs?: number;
  /** Only tenants whose statistics were asked for on this instance within this long are warmed. */
  askedWithinMs?: number;
}

export const DEFAULT_STATISTICS_WARMUP: Required<StatisticsWarmupSettings> = { debounceMs: 2_000, askedWithinMs: 24 * 60 * 60 * 1000 };

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keeps the annual report's cubes warm: after a tenant's statistics data changed (a new version, announced by the
 * database at commit to every instance), this instance recomputes, in the background, the whole-tenant totals of the
 * current and the previous year — the annual report's two questions, which protect every flow family's cubes and the
 * year-end pool's — so the first question after a change finds its cubes (and the report its answer) in memory
 * instead of spending seconds protecting them.
 *
 * Never a source of answers itself: it only fills the memo under the version it read, and every answer reads the
 * version again first, so a warm-up overtaken by another change is simply never used. Bounded: only tenants asked for
 * on this instance lately, one warm-up at a time, one per tenant per quiet `debounceMs`. An announcement missed (the
 * LISTEN connection down) only means a cold first question, never a wrong one.
 */
export class StatisticsWarmer {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly queue: string[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;
  private unlisten: (() => Promise<void>) | null = null;
  /** Warm-ups completed (for tests). */
  warmed = 0;

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
    private readonly settings: Required<StatisticsWarmupSettings>,
    private readonly memo: StatisticsMemo,
  ) {}

  static async start(
    database: Database,
    log: Logger,
    settings: StatisticsWarmupSettings = {},
    memo: StatisticsMemo = statisticsMemo,
  ): Promise<StatisticsWarmer> {
    const warmer = new StatisticsWarmer(database.prisma, log, { ...DEFAULT_STATISTICS_WARMUP, ...settings }, memo);
    warmer.unlisten = await database.listen(STATISTICS_CHANNEL, (payload) => warmer.changed(payload));
    return warmer;
  }

  /** A tenant's statistics data changed (its payload). */
  changed(tenantId: string): void {
    if (this.stopped || !ID.test(tenantId)) return;
    if (!this.memo.askedSince(tenantId, Date.now() - this.settings.askedWithinMs)) return;
    clearTimeout(this.pending.get(tenantId));
    const timer = setTimeout(() => {
      this.pending.delete(tenantId);
      if (!this.queue.includes(tenantId)) this.queue.push(tenantId);
      this.drain();
    }, this.settings.debounceMs);
    timer.unref();
    this.pending.set(tenantId, timer);
  }

  private drain(): void {
    if (this.running || this.stopped) return;
    const tenantId = this.queue.shift();
    if (tenantId === undefined) return;
    this.running = this.warm(tenantId).finally(() => {
      this.running = null;
      this.drain();
    });
  }

  private async warm(tenantId: string): Promise<void> {
    const started = performance.now();
    const thisYear = new Date().getUTCFullYear();
    try {
      for (const year of [thisYear, thisYear - 1]) {
        const validated = validateStatisticsQuery({ year }, thisYear);
        if (!validated.ok) continue;
        const query = validated.query;
        // One transaction per year, as the annual report's request would read them; both languages' tables.
        await new TenantScope(this.prisma, tenantId).transaction(
          async (tx) => {
            for (const locale of ["sv", "en"] as const) {
              if (this.stopped) return;
              await computeStatistics({ locale }, tx, tenantId, query, "ALL", null, undefined, this.memo);
            }
          },
          { timeoutMs: 60_000 },
        );
        if (this.stopped) return;
      }
      this.warmed += 1;
      this.log.debug({ tenantId, ms: Math.round(performance.now() - started) }, "statistics: cubes warmed after a change");
    } catch (error) {
      // A warm-up is only ever an optimisation: the next question computes what it needs itself.
      if (!this.stopped) this.log.warn({ err: error, tenantId }, "statistics: warming the cubes after a change failed");
    }
  }

  /** Stops listening and waits for a warm-up in progress (it stops between its steps). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.queue.length = 0;
    await this.unlisten?.();
    this.unlisten = null;
    await this.running;
  }
}
