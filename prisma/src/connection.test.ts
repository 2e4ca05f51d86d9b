import { describe, expect, it } from "vitest";
import { releasingDeadConnections } from "./connection.js";

// A transaction's connection that died under it (a failover) must go back to the pool even though the engine's last
// statement, COMMIT or ROLLBACK, failed; found by tests/scale-out's failover drill.

function fakeTransaction(queryable: boolean) {
  const calls = { rollback: 0, commit: 0 };
  const transaction = {
    client: { _queryable: queryable, _ending: false },
    async executeRaw(query: { sql: string }) {
      if (query.sql === "SELECT 1") return 1;
      throw new Error("Client has encountered a connection error and is not queryable");
    },
    async queryRaw() {
      return { columnNames: [], columnTypes: [], rows: [] };
    },
    async commit() {
      calls.commit += 1;
    },
    async rollback() {
      calls.rollback += 1;
    },
  };
  return { transaction: releasingDeadConnections(transaction), calls };
}

describe("releasingDeadConnections", () => {
  it("releases a dead connection once when its ROLLBACK or COMMIT fails, and ignores the engine's later release", async () => {
    const { transaction, calls } = fakeTransaction(false);
    await expect(transaction.executeRaw({ sql: "ROLLBACK" })).rejects.toThrow(/not queryable/);
    expect(calls.rollback).toBe(1);
    await transaction.rollback();
    await transaction.commit();
    expect(calls).toEqual({ rollback: 1, commit: 0 });
  });

  it("leaves a live connection to the engine: it is not released behind its back", async () => {
    const { transaction, calls } = fakeTransaction(true);
    await expect(transaction.executeRaw({ sql: "COMMIT" })).rejects.toThrow();
    expect(calls.rollback).toBe(0);
    await transaction.rollback();
    expect(calls.rollback).toBe(1);
  });

  it("passes ordinary statements and their results through", async () => {
    const { transaction, calls } = fakeTransaction(false);
    expect(await transaction.executeRaw({ sql: "SELECT 1" })).toBe(1);
    await transaction.commit();
    expect(calls.commit).toBe(1);
  });
});
