import { describe, expect, it } from "vitest";
import { type CandidatePoolKey, CandidatePoolMemo } from "../candidate-pool-memo.js";
import type { PoolCandidate } from "../matching.repository.js";

// The memo's own rules: a pool is read once per key, never remembered without a version, and the memory is bounded.
// That a version changes with every write the pool is read from: tests/matching/candidate-pool-memo.test.ts.

const key = (version: string, networkId = "network-1"): CandidatePoolKey => ({
  tenantId: "tenant-1",
  networkId,
  version,
  today: "2026-12-08",
  timeZone: "Europe/Stockholm",
});

function member(id: string): PoolCandidate {
  return {
    memberId: id,
    perspectives: ["PATIENT"],
    birthDate: null,
    birthYear: 1970,
    municipality: "Jönköping",
    languages: ["sv"],
    experienceTagIds: ["tag-1", "tag-2"],
    competences: [],
    hasAccessibilityNeeds: false,
    pauses: [],
    bookedDates: [],
    lastAskedOn: null,
    invitationsInWindow: 0,
    assignmentsInWindow: 0,
    everAssigned: false,
    invitationToRequest: null,
  };
}

function reader(size: number) {
  let reads = 0;
  return {
    read: async () => {
      reads += 1;
      return Array.from({ length: size }, (_, index) => member(`m${index}`));
    },
    get reads() {
      return reads;
    },
  };
}

describe("CandidatePoolMemo", () => {
  it("reads a pool once per key and again under another version, network or day", async () => {
    const memo = new CandidatePoolMemo();
    const source = reader(3);
    const first = await memo.pool(key("v1"), source.read);
    expect(await memo.pool(key("v1"), source.read)).toBe(first);
    expect(source.reads).toBe(1);
    await memo.pool(key("v2"), source.read);
    await memo.pool(key("v2", "network-2"), source.read);
    await memo.pool({ ...key("v2"), today: "2026-12-09" }, source.read);
    expect(source.reads).toBe(4);
    expect(memo.counters).toEqual({ hits: 1, misses: 4 });
  });

  it("never remembers a pool read without a version", async () => {
    const memo = new CandidatePoolMemo();
    const source = reader(2);
    await memo.pool(null, source.read);
    await memo.pool(null, source.read);
    expect(source.reads).toBe(2);
    expect(memo.size).toBe(0);
  });

  it("keeps within its size: the least recently used pool goes first", async () => {
    // Room for about two pools of 100 members.
    const memo = new CandidatePoolMemo({ pools: 10, bytes: 2 * (1024 + 100 * (400 + 48 * 5)) + 1 });
    const source = reader(100);
    await memo.pool(key("a"), source.read);
    await memo.pool(key("b"), source.read);
    await memo.pool(key("a"), source.read);
    await memo.pool(key("c"), source.read);
    expect(memo.size).toBe(2);
    await memo.pool(key("a"), source.read);
    expect(source.reads).toBe(3);
    await memo.pool(key("b"), source.read);
    expect(source.reads).toBe(4);
  });

  it("hands out a pool no caller can change", async () => {
    const memo = new CandidatePoolMemo();
    const pool = await memo.pool(key("v1"), reader(1).read);
    expect(Object.isFrozen(pool)).toBe(true);
  });
});
