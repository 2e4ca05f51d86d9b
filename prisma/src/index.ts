// The database package: the generated Prisma client, how to open PGlite or PostgreSQL, and migrations.
// Only repositories (packages/api/src/**/*.repository.ts) and the seed import the client.

export { dateColumn, feeScheduleVersionColumns } from "./columns/fee-schedule-version.js";
export {
  type Database,
  type DatabaseOptions,
  databaseOptionsFromEnv,
  openDatabase,
  parseLsn,
  type ReplicaLink,
  sqlStatementCounter,
  withoutPoolerMarker,
} from "./connection.js";
export * from "./generated/prisma/client.js";
export { applyMigrations, type MigrationReport, readMigrations, type SqlSession } from "./migrator.js";
export { migrationsDirectory, packageRoot } from "./package-root.js";
export {
  advisoryLock,
  type DB,
  db,
  execute,
  jsonArrayFrom,
  jsonObjectFrom,
  type RawBuilder,
  row,
  rows,
  type SqlRunner,
  sql,
} from "./sql.js";
export { createScratchDatabase, type ScratchDatabase } from "./testing/scratch-database.js";
export { dropTemplateDatabases, ensureTemplateDatabase, TEMPLATE_DATABASE_PREFIX } from "./testing/template-database.js";
