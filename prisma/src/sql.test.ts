import { describe, expect, expectTypeOf, it } from "vitest";
import { advisoryLock, db, execute, rows, type SqlRunner, sql } from "./sql.js";

// The typed SQL helpers compile with Kysely and hand the statement to the caller's Prisma runner (a transaction in the
// API): one statement, positional parameters, nothing run by Kysely itself. What the database then does with it is
// covered where the queries live (the outbox worker's and authentication's tests run them on PGlite and PostgreSQL).

function recordingRunner(result: unknown[] = [], changed = 0) {
  const sent: { sql: string; values: unknown[] }[] = [];
  const runner: SqlRunner = {
    async $queryRawUnsafe<T>(query: string, ...values: unknown[]) {
      sent.push({ sql: query, values });
      return result as T;
    },
    async $executeRawUnsafe(query: string, ...values: unknown[]) {
      sent.push({ sql: query, values });
      return changed;
    },
  };
  return { runner, sent };
}

describe("typed SQL", () => {
  it("sends a select as one statement with positional parameters, typed by what it selects", async () => {
    const { runner, sent } = recordingRunner([{ id: "t1", slug: "kalmar" }]);
    const found = await rows(runner, db.selectFrom("Tenant").select(["id", "slug"]).where("slug", "=", "kalmar").limit(1));
    expectTypeOf(found).toEqualTypeOf<{ id: string; slug: string }[]>();
    expect(found).toEqual([{ id: "t1", slug: "kalmar" }]);
    expect(sent).toEqual([{ sql: 'select "id", "slug" from "Tenant" where "slug" = $1 limit $2', values: ["kalmar", 1] }]);
  });

  it("takes an advisory lock in one statement, the key a parameter (never spliced into the text)", async () => {
    const { runner, sent } = recordingRunner();
    await advisoryLock(runner, "t1:network-slug:o'brien");
    expect(sent).toEqual([{ sql: "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", values: ["t1:network-slug:o'brien"] }]);
  });

  it("runs a write through the runner and answers how many rows it changed", async () => {
    const { runner, sent } = recordingRunner([], 3);
    const changed = await execute(
      runner,
      db.updateTable("OutboxMessage").set({ lockedBy: null, nextAttemptAt: sql<Date>`now()` }).where("tenantId", "=", "t1"),
    );
    expect(changed).toBe(3);
    expect(sent[0]?.sql).toBe('update "OutboxMessage" set "lockedBy" = $1, "nextAttemptAt" = now() where "tenantId" = $2');
    expect(sent[0]?.values).toEqual([null, "t1"]);
  });

  it("refuses, at the type check, a column the schema does not have", () => {
    // @ts-expect-error: "Tenant" has no column "name_that_does_not_exist" (generated from schema.prisma)
    const query = db.selectFrom("Tenant").select("name_that_does_not_exist");
    expect(query.compile().sql).toContain("name_that_does_not_exist");
  });
});
