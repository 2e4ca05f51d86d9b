import "reflect-metadata";
import { parseArgs } from "node:util";
import { databaseOptionsFromEnv, openDatabase } from "@medverkan/database";
import { loadConfig } from "../config.js";
import { TenantScope } from "../context/tenant-scope.js";
import { buildAnnualReport } from "../statistics/annual-report.service.js";

// `npm run --silent report:annual -- --tenant kalmar --year 2025 [--lang sv|en]`: the annual report a coordination function hands
// to management, printed as Markdown. It runs with the database's own credentials (like migrate and seed), reads
// the tenant through the same row-level-security scope as the API, and prints only the protected figures.

const usage = "Usage: npm run --silent report:annual -- --tenant <slug> --year <yyyy> [--lang sv|en]";
const { values } = parseArgs({
  options: { tenant: { type: "string" }, year: { type: "string" }, lang: { type: "string", default: "sv" } },
});
const year = Number(values.year);
if (!values.tenant || !Number.isInteger(year) || (values.lang !== "sv" && values.lang !== "en")) {
  console.error(usage);
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(databaseOptionsFromEnv(process.env, config.embeddedDataDirectory));
try {
  const tenant = await database.prisma.tenant.findUnique({ where: { slug: values.tenant }, select: { id: true } });
  if (!tenant) {
    console.error(`No tenant "${values.tenant}".`);
    process.exitCode = 1;
  } else {
    const locale = values.lang;
    const report = await new TenantScope(database.prisma, tenant.id).transaction(
      (tx) => buildAnnualReport({ locale }, tx, tenant.id, year, "ALL"),
      { timeoutMs: 120_000 },
    );
    process.stdout.write(locale === "sv" ? report.textSv : report.textEn);
  }
} finally {
  await database.close();
}
