// Typed SQL for the queries that are SQL by choice: the hot paths, row locks, aggregates and set-based writes that
// Prisma's model API cannot say or says slowly. They are written with Kysely against the tables as Prisma's schema
// describes them (src/generated/kysely, generated with the Prisma client by `prisma-kysely`), so a column renamed or
// dropped in schema.prisma fails the type check of every query that names it, and a query's result type follows
// from what it selects instead of being asserted by hand.
//
// Kysely only builds and compiles here (its documented "query builder only" use): the compiled statement runs through
// the caller's Prisma transaction, so it shares the transaction's tenant, role and row-level security, is counted
// with every other statement, and commits or rolls back with the rest of the operation.
import {
  type Compilable,
  DummyDriver,
  type InferResult,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from "kysely";
import type { DB } from "./generated/kysely/database.js";

export { type RawBuilder, sql } from "kysely";
/** Nested rows as JSON in one statement (PostgreSQL's json_agg / to_json), typed like the subquery they wrap. */
export { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
export type { DB } from "./generated/kysely/database.js";

/** What a typed query runs on: any Prisma client or interactive transaction. */
export interface SqlRunner {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/** The query builder over Medverkan's tables. It never connects: `rows`, `row` and `execute` run what it builds. */
export const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Every row a query returns, typed by what it selects. */
export async function rows<Q extends Compilable>(runner: SqlRunner, query: Q): Promise<InferResult<Q>> {
  const compiled = query.compile();
  return (await runner.$queryRawUnsafe(compiled.sql, ...compiled.parameters)) as InferResult<Q>;
}

/** The first row a query returns, or undefined. */
export async function row<Q extends Compilable>(runner: SqlRunner, query: Q): Promise<InferResult<Q>[number] | undefined> {
  return (await rows(runner, query))[0];
}

/** A statement that returns no rows (an update, insert or delete without RETURNING): how many rows it changed. */
export async function execute(runner: SqlRunner, query: Compilable): Promise<number> {
  const compiled = query.compile();
  return runner.$executeRawUnsafe(compiled.sql, ...compiled.parameters);
}

/**
 * Takes a transaction-scoped advisory lock on `key`, held until the caller's transaction ends: how two transactions
 * that would both create the same unique thing (a slug, a subject, a claim for an occasion, a payroll export) take
 * turns, where there is no row yet to lock. One statement; keys are namespaced by their callers (tenant first).
 */
export async function advisoryLock(runner: SqlRunner, key: string): Promise<void> {
  await runner.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", key);
}
