import "reflect-metadata";
import { parseArgs } from "node:util";
import { databaseOptionsFromEnv, openDatabase } from "@medverkan/database";
import { loadConfig } from "../config.js";
import { TenantScope } from "../context/tenant-scope.js";
import { measureSuppressionExtent } from "../statistics/suppression-extent.service.js";

// `npm run --silent report:suppression -- --tenant kalmar --year 2025`: how much the year's statistics hide and why,
// per protected cube, as Markdown — cells hidden for themselves (small, or few people) and to protect them, and
// whether a whole-year total is hidden. Counts of cells only, never a figure. Runs with the database's own
// credentials through the tenant's row-level-security scope, like report:annual.

const usage = "Usage: npm run --silent report:suppression -- --tenant <slug> --year <yyyy>";
const { values } = parseArgs({ options: { tenant: { type: "string" }, year: { type: "string" } } });
const year = Number(values.year);
if (!values.tenant || !Number.isInteger(year)) {
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
    const { threshold, cubes } = await new TenantScope(database.prisma, tenant.id).transaction(
      (tx) => measureSuppressionExtent(tx, tenant.id, year),
      { timeoutMs: 300_000 },
    );
    const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
    const lines = [
      `# Suppression in ${values.tenant}'s statistics for ${year} (threshold ${threshold})`,
      "",
      "| Cube | Tables | Cells | Hidden: small | Hidden: to protect | Hidden share | Protecting per small | Year total | Tables hidden whole |",
      "|---|---:|---:|---:|---:|---:|---:|---|---:|",
      ...cubes.map(
        (c) =>
          `| ${c.label} | ${c.tables} | ${c.cells} | ${c.primary} | ${c.complementary} | ${percent(c.hiddenShare)} | ${c.complementaryPerPrimary.toFixed(2)} | ${c.grandTotal} | ${c.blankedTables} |`,
      ),
      "",
      "Cells: non-zero or hidden cells over all answerable tables. A year total is hidden only for itself (PRIMARY).",
      "",
    ];
    process.stdout.write(lines.join("\n"));
  }
} finally {
  await database.close();
}
