import { databaseOptionsFromEnv, openDatabase } from "@medverkan/database";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { runRetention } from "../privacy/retention.service.js";

// Anonymises members inactive longer than their tenant's retention period (run daily from a scheduler).
//   pnpm privacy:retention [--dry-run] [--tenant <slug>]
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const tenantIndex = args.indexOf("--tenant");
const tenantSlug = tenantIndex >= 0 ? args[tenantIndex + 1] : undefined;

const config = loadConfig();
const log = createLogger(config.logLevel);
const database = await openDatabase(databaseOptionsFromEnv(process.env, config.embeddedDataDirectory));
try {
  if (config.migrateOnStart) await database.migrate();
  const report = await runRetention(database.prisma, log, { dryRun, tenantSlug });
  console.log(JSON.stringify(report, null, 2));
} catch (error) {
  log.fatal({ err: error }, "retention run failed");
  process.exitCode = 1;
} finally {
  await database.close();
}
