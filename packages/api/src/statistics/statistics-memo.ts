import { type CubeFactory, ProtectedCube } from "@medverkan/domain";
import { LRUCache } from "lru-cache";

// What statistics remember between questions, in process memory, keyed by the tenant and its statistics data
// version (StatisticsDataVersion, replaced by the database's triggers in every transaction that changes what
// statistics read). A question first reads the version — one statement — and a remembered answer, reading or cube
// under that version is exactly what computing it again would give; nothing needs invalidating, and every API
// instance reads the same version from the database. The one input that is not data is the clock: the pool of a
// period not yet over is counted "now", so what depends on it is held only up to the first instant a row dated
// ahead could change it (`until`).
//
// Bounded three ways, each an LRU by entries and by an estimate of its memory: whole answers (a repeated question
// answers from here without reading anything but the version), readings (a family's finest cells and aggregates
// for one shape of question), and protected cubes (the expensive part: the same for every shape of question, so a
// new question over warm cubes costs its SQL only).

/** Something remembered that holds from `from` up to (not including) `until`, in ms since the epoch. */
interface Held<T> {
  readonly value: T;
  readonly from: number;
  readonly until: number;
}

export interface StatisticsMemoLimits {
  readonly answers: number;
  readonly answerBytes: number;
  readonly readings: number;
  readonly readingBytes: number;
  readonly cubes: number;
  readonly cubeBytes: number;
}

// A national tenant's annual report holds some 40 cubes of up to a few MB each; 21 tenants × two years fit in the
// cube budget's estimate only partly, the least recently asked going first.
export const DEFAULT_STATISTICS_MEMO: StatisticsMemoLimits = {
  answers: 2_000,
  answerBytes: 64 * 1024 * 1024,
  readings: 2_000,
  readingBytes: 128 * 1024 * 1024,
  cubes: 1_000,
  cubeBytes: 192 * 1024 * 1024,
};

export interface StatisticsMemoCounters {
  answerHits: number;
  answerMisses: number;
  readingHits: number;
  readingMisses: number;
  cubeHits: number;
  cubeMisses: number;
}

export class StatisticsMemo {
  private readonly answers: LRUCache<string, Held<unknown>>;
  private readonly readings: LRUCache<string, Held<unknown>>;
  private readonly cubes: LRUCache<string, ProtectedCube>;
  /** When each tenant's statistics were last asked for on this instance (the warmer warms only these). */
  private readonly asked = new LRUCache<string, number>({ max: 10_000 });
  readonly counters: StatisticsMemoCounters = {
    answerHits: 0,
    answerMisses: 0,
    readingHits: 0,
    readingMisses: 0,
    cubeHits: 0,
    cubeMisses: 0,
  };

  constructor(limits: StatisticsMemoLimits = DEFAULT_STATISTICS_MEMO) {
    this.answers = new LRUCache({ max: limits.answers, maxSize: limits.answerBytes });
    this.readings = new LRUCache({ max: limits.readings, maxSize: limits.readingBytes });
    this.cubes = new LRUCache({ max: limits.cubes, maxSize: limits.cubeBytes });
  }

  answer<T>(key: string, now: number): T | undefined {
    const found = held<T>(this.answers, key, now);
    if (found === undefined) this.counters.answerMisses += 1;
    else this.counters.answerHits += 1;
    return found;
  }

  keepAnswer(key: string, value: unknown, bytes: number, from: number, until: number): void {
    keep(this.answers, key, value, bytes, from, until);
  }

  reading<T>(key: string, now: number): T | undefined {
    const found = held<T>(this.readings, key, now);
    if (found === undefined) this.counters.readingMisses += 1;
    else this.counters.readingHits += 1;
    return found;
  }

  keepReading(key: string, value: unknown, bytes: number, from: number, until: number): void {
    keep(this.readings, key, value, bytes, from, until);
  }

  /**
   * A cube factory remembering cubes under `identify(label)` (null: not remembered). The key must name everything
   * the cube is computed from — tenant, version, year, the pool's instant — besides threshold, levels and label.
   */
  cubeFactory(identify: (label: string) => string | null): CubeFactory {
    return (dimensions, finest, threshold, options) => {
      const source = options.label === undefined || options.sensitive ? null : identify(options.label);
      if (source === null) return new ProtectedCube(dimensions, finest, threshold, options);
      const key = `${source}\u0000${threshold}\u0000${options.levels?.length ?? 0}\u0000${dimensions.length}\u0000${options.label}`;
      const known = this.cubes.get(key);
      if (known) {
        this.counters.cubeHits += 1;
        return known;
      }
      this.counters.cubeMisses += 1;
      const cube = new ProtectedCube(dimensions, finest, threshold, options);
      // A sealed cube keeps, per table, its non-empty groups in typed arrays (17 bytes each), at most the finest
      // cells' number per table, and the finest cells' coordinates: an upper estimate.
      const bytes = 4096 + finest.size * ((options.levels?.length ?? 0) * 17 + dimensions.length * 4);
      this.cubes.set(key, cube, { size: Math.max(1, bytes) });
      return cube;
    };
  }

  noteAsked(tenantId: string, now: number): void {
    this.asked.set(tenantId, now);
  }

  /** Whether the tenant's statistics were asked for on this instance since `since`. */
  askedSince(tenantId: string, since: number): boolean {
    return (this.asked.get(tenantId) ?? Number.NEGATIVE_INFINITY) >= since;
  }

  /** Entries held (for tests and the bench). */
  get size(): { answers: number; readings: number; cubes: number } {
    return { answers: this.answers.size, readings: this.readings.size, cubes: this.cubes.size };
  }

  clear(): void {
    this.answers.clear();
    this.readings.clear();
    this.cubes.clear();
    this.asked.clear();
  }
}

function held<T>(cache: LRUCache<string, Held<unknown>>, key: string, now: number): T | undefined {
  const found = cache.get(key);
  if (!found) return undefined;
  if (now < found.from || now >= found.until) {
    cache.delete(key);
    return undefined;
  }
  return found.value as T;
}

function keep(cache: LRUCache<string, Held<unknown>>, key: string, value: unknown, bytes: number, from: number, until: number): void {
  if (until <= from) return;
  cache.set(key, { value, from, until }, { size: Math.max(1, Math.round(bytes)) });
}

/** This process's statistics memory: shared by every server and caller in it (keys name tenant and version). */
export const statisticsMemo = new StatisticsMemo();
