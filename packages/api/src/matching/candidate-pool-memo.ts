import { LRUCache } from "lru-cache";
import type { PoolCandidate } from "./matching.repository.js";

// A network's candidate pool as the ranking reads it, remembered in process memory under the tenant's candidate pool
// version (CandidatePoolVersion, replaced by the database's triggers in every transaction that changes what the pool
// facts are read from; migration 20261208150001). A ranking reads the version with its request, in its own
// transaction, so a remembered pool under that version is exactly what reading it again would give — later
// statements of a transaction never see older data than its first — and nothing needs invalidating, on this instance
// or any other. The day and the time zone are in the key because the fairness window and the pauses that still count
// follow the tenant's calendar date.
//
// What a ranking still reads every time: the request (with the version), its own invitations and bookings, and the
// shortlist's profiles. A region's pool of 2 500 members is about 1 MB here; the LRU is bounded by entries and by an
// estimate of that size.

export interface CandidatePoolKey {
  readonly tenantId: string;
  readonly networkId: string;
  readonly version: string;
  readonly today: string;
  readonly timeZone: string;
}

export interface CandidatePoolMemoLimits {
  readonly pools: number;
  readonly bytes: number;
}

export const DEFAULT_CANDIDATE_POOL_MEMO: CandidatePoolMemoLimits = { pools: 200, bytes: 48 * 1024 * 1024 };

/** A member's facts in memory, roughly: the object, its strings and its arrays. */
const BYTES_PER_MEMBER = 400;
const BYTES_PER_ITEM = 48;

export class CandidatePoolMemo {
  private readonly pools: LRUCache<string, readonly PoolCandidate[]>;
  readonly counters = { hits: 0, misses: 0 };

  constructor(limits: CandidatePoolMemoLimits = DEFAULT_CANDIDATE_POOL_MEMO) {
    this.pools = new LRUCache({ max: limits.pools, maxSize: limits.bytes });
  }

  /** The pool remembered under `key`, or what `read` reads, remembered under it; `key` null: read, never remembered. */
  async pool(key: CandidatePoolKey | null, read: () => Promise<readonly PoolCandidate[]>): Promise<readonly PoolCandidate[]> {
    const name = key && [key.tenantId, key.networkId, key.version, key.today, key.timeZone].join("\u0000");
    const known = name === null ? undefined : this.pools.get(name);
    if (known) {
      this.counters.hits += 1;
      return known;
    }
    this.counters.misses += 1;
    const pool = Object.freeze(await read());
    if (name !== null) this.pools.set(name, pool, { size: estimateBytes(pool) });
    return pool;
  }

  get size(): number {
    return this.pools.size;
  }

  clear(): void {
    this.pools.clear();
    this.counters.hits = 0;
    this.counters.misses = 0;
  }
}

function estimateBytes(pool: readonly PoolCandidate[]): number {
  let bytes = 1024;
  for (const member of pool) {
    bytes +=
      BYTES_PER_MEMBER +
      BYTES_PER_ITEM *
        (member.perspectives.length +
          member.languages.length +
          member.competences.length +
          member.experienceTagIds.length +
          member.pauses.length);
  }
  return bytes;
}

/** This process's candidate pools: shared by every server and caller in it (keys name tenant, network and version). */
export const candidatePoolMemo = new CandidatePoolMemo();
