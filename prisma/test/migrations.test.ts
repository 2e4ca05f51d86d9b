import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, packageRoot, type SqlSession } from "../src/index.js";

// The checked-in migrations must build exactly the database schema.prisma describes: otherwise the generated client
// and the real tables disagree, and the next `db:migration:new` would write the wrong diff.

const opened: PGlite[] = [];
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
});

function session(db: PGlite): SqlSession {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
  };
}

/** Tables, columns, enums, indexes and constraints, in a stable text form (policies, grants, partial indexes and CHECKs aside). */
async function structure(db: PGlite): Promise<string[]> {
  const queries = [
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '')
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    `SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    // Partial indexes (… WHERE …) cannot be expressed in schema.prisma; they are written by hand in migrations.
    `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexdef NOT LIKE '% WHERE %'`,
    // CHECK constraints cannot be expressed in schema.prisma either (e.g. a personal identity number's three columns
    // set together, its ciphertext's envelope): written by hand in migrations, like partial indexes. Nor can
    // constraint triggers (the statistics data version's deferred trigger), which PostgreSQL lists as constraints.
    `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '%_prisma_migrations%'
        AND contype NOT IN ('c', 't')`,
  ];
  const lines: string[] = [];
  for (const sql of queries) {
    const { rows } = await db.query<Record<string, string>>(sql);
    lines.push(...rows.map((row) => String(Object.values(row)[0])));
  }
  return lines.sort();
}

describe("migrations", () => {
  it("build the schema that schema.prisma describes", async () => {
    // The schema's own SQL comes from Prisma's schema engine (WebAssembly, tools/schema-diff.mjs: Prisma 7's CLI would
    // need the native engine), in a process of its own while this one migrates (on a 2-core machine that halves the
    // wait), and without blocking this worker's event loop.
    const diff = promisify(execFile)(process.execPath, [join(packageRoot(), "tools", "schema-diff.mjs"), "--from-empty"], {
      cwd: packageRoot(),
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    diff.catch(() => undefined);
    const migrated = new PGlite();
    const fromSchema = new PGlite();
    opened.push(migrated, fromSchema);
    await applyMigrations(session(migrated));
    await fromSchema.exec((await diff).stdout);

    expect(await structure(migrated)).toEqual(await structure(fromSchema));
    // Two databases built from scratch and Prisma's schema engine: 10 s on a quiet 2-core machine, 2 min and more on a busy one.
  }, 300_000);

  it("refuse to run when an applied migration was edited", async () => {
    const db = new PGlite();
    opened.push(db);
    const migrations = [{ name: "20000101000000_one", sql: "CREATE TABLE one (id int);", checksum: "a" }];
    await applyMigrations(session(db), migrations);
    await expect(applyMigrations(session(db), [{ ...migrations[0], checksum: "b" } as (typeof migrations)[number]])).rejects.toThrow(
      /changed after it was applied/,
    );
  });

  it("apply each migration atomically: a failing one leaves nothing behind", async () => {
    const db = new PGlite();
    opened.push(db);
    const broken = [{ name: "20000101000000_broken", sql: "CREATE TABLE half (id int); SELECT * FROM missing_table;", checksum: "c" }];
    await expect(applyMigrations(session(db), broken)).rejects.toThrow(/broken failed/);
    const { rows } = await db.query("SELECT to_regclass('public.half') AS t");
    expect(rows).toEqual([{ t: null }]);
  });
});
