import { databaseOptionsFromEnv, openDatabase } from "@medverkan/database";
import { loadConfig } from "../config.js";

// Applies pending migrations to DATABASE_URL (or the embedded database in .data/ when it is unset).
const config = loadConfig();
const database = await openDatabase(databaseOptionsFromEnv(process.env, config.embeddedDataDirectory));
try {
  const report = await database.migrate();
  console.log(
    `${database.description}: applied ${report.applied.length} migration(s)${report.applied.length ? `: ${report.applied.join(", ")}` : ""}; ${report.alreadyApplied} already applied.`,
  );
} finally {
  await database.close();
}
