import { parseLsn, type ReplicaLink, withoutPoolerMarker } from "@medverkan/database";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { isReadOnlyViolation, ReplicaRouter } from "../replica-router.js";

// The rules that keep read-your-writes with a lagging replica (issue 23), against a replica whose position the test
// moves by hand. The real primary, standby and PgBouncer: tests/scale-out/replica-and-balancer.topology.test.ts.

function fakeLink(state: { primary: bigint; replayed: bigint; down?: boolean }): ReplicaLink {
  return {
    prisma: {} as ReplicaLink["prisma"],
    description: "fake",
    primaryLsn: async () => state.primary,
    replayedLsn: async () => {
      if (state.down) throw new Error("connect ECONNREFUSED");
      return state.replayed;
    },
    close: async () => {},
  };
}

const log = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ReplicaRouter", () => {
  it("orders WAL positions as PostgreSQL does", () => {
    expect(parseLsn("0/16B3748")).toBe(0x16b3748n);
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
  });

  it("recognises Prisma's pgbouncer=true marker and removes it", () => {
    expect(withoutPoolerMarker("postgresql://u@h:6432/db?pgbouncer=true")).toEqual({ url: "postgresql://u@h:6432/db", marked: true });
    expect(withoutPoolerMarker("postgresql://u@h:5432/db").marked).toBe(false);
  });

  it("reads on the replica only while it has replayed a recent primary position", async () => {
    const state = { primary: 100n, replayed: 100n };
    const router = new ReplicaRouter(fakeLink(state), log, 400);
    router.start();
    try {
      await sleep(250);
      expect(router.fresh()).toBe(true);
      // The primary moves on and the replica stops replaying: after half the wait bound it is no longer fresh.
      state.primary = 200n;
      await sleep(450);
      expect(router.fresh()).toBe(false);
      expect(router.usable()).toBe(true);
      state.replayed = 200n;
      await sleep(250);
      expect(router.fresh()).toBe(true);
    } finally {
      router.stop();
    }
  });

  it("holds a write's answer until the replica has replayed it, and gives up after the bound", async () => {
    const state = { primary: 500n, replayed: 400n };
    const router = new ReplicaRouter(fakeLink(state), log, 300);
    setTimeout(() => {
      state.replayed = 500n;
    }, 100);
    const started = Date.now();
    expect(await router.awaitReplay()).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);

    state.primary = 900n;
    expect(await router.awaitReplay()).toBe(false);
    expect(router.stats.waitTimeouts).toBe(1);
  });

  it("stops using an unreachable replica", async () => {
    const state = { primary: 1n, replayed: 1n, down: true };
    const router = new ReplicaRouter(fakeLink(state), log, 400);
    router.start();
    try {
      await sleep(250);
      expect(router.usable()).toBe(false);
      expect(router.fresh()).toBe(false);
    } finally {
      router.stop();
    }
  });

  it("tells the standby's refusal to write from other errors, however wrapped", () => {
    expect(isReadOnlyViolation({ cause: { code: "25006" } })).toBe(true);
    expect(isReadOnlyViolation(new Error("cannot execute INSERT in a read-only transaction"))).toBe(true);
    expect(isReadOnlyViolation(new Error("deadlock detected"))).toBe(false);
  });
});
