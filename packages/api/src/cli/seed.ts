import { databaseOptionsFromEnv, openDatabase } from "@medverkan/database";
import { seedDemoData } from "@medverkan/database/seed";
import { loadConfig } from "../config.js";
import { DEV_TOKEN_ISSUER, loadOrCreateDevSigningKey, publicKeySet } from "../dev/dev-keys.js";

// Seeds (or refreshes; it is idempotent) the four demo regions into DATABASE_URL or the embedded database.
const config = loadConfig();
if (config.production) {
  console.error("Demo data is for development only.");
  process.exit(1);
}
const database = await openDatabase(databaseOptionsFromEnv(process.env, config.embeddedDataDirectory));
try {
  await database.migrate();
  const key = await loadOrCreateDevSigningKey(config.devKeyFile);
  const summary = await seedDemoData(database.prisma, { tokenIssuer: DEV_TOKEN_ISSUER, publicKeys: publicKeySet(key) });
  console.log(`${database.description}: seeded`, summary);
} finally {
  await database.close();
}
