// The configuration of a region that is not one of the demo seed's four: a copy of its template region's rows
// (intake rules, request form and assignment types, fee schedule and versions, consent texts, taxonomy,
// organisations, units, cost centres, networks, staff and their grants, training sessions) under new ids, with the
// region's own name, slug, token audience, municipalities and staff subjects (`<slug>-coordinator-1` …).
import { seedId } from "@medverkan/database/seed";
import type pg from "pg";
import type { NationalRegion } from "./regions.js";

/** In foreign-key order; every row of these belongs to the tenant and has an `id`. */
const CONFIGURATION_TABLES = [
  "IntakeRuleSet",
  "RequestForm",
  "AssignmentType",
  "FeeSchedule",
  "FeeScheduleVersion",
  "ConsentText",
  "ExperienceTag",
  "Organisation",
  "Unit",
  "CostCentre",
  "Network",
  "StaffUser",
  "RoleGrant",
  "TrainingSession",
] as const;

export async function cloneRegion(
  client: pg.ClientBase,
  region: NationalRegion,
  tokenIssuer: string,
  publicKeys: unknown,
): Promise<string> {
  const template = await client.query<Record<string, unknown> & { id: string; name: string }>(`SELECT * FROM "Tenant" WHERE slug = $1`, [
    region.template,
  ]);
  const source = template.rows[0];
  if (!source) throw new Error(`The template region "${region.template}" is not seeded`);
  const tenantId = seedId("national", region.slug, "tenant");
  const rowsByTable = new Map<string, Record<string, unknown>[]>();
  const ids = new Map<string, string>([[source.id, tenantId]]);
  for (const table of CONFIGURATION_TABLES) {
    const { rows } = await client.query<Record<string, unknown> & { id: string }>(`SELECT * FROM "${table}" WHERE "tenantId" = $1`, [
      source.id,
    ]);
    for (const row of rows) ids.set(row.id, seedId("national", region.slug, table, row.id));
    rowsByTable.set(table, rows);
  }
  const remap = (value: unknown): unknown => (typeof value === "string" ? (ids.get(value) ?? value) : value);
  const rename = (text: string) => text.replaceAll(source.name, region.name);

  await insertRows(client, "Tenant", [
    {
      ...source,
      id: tenantId,
      slug: region.slug,
      name: region.name,
      tokenIssuer,
      tokenAudience: `medverkan:${region.slug}`,
      publicKeys,
      senderName: typeof source.senderName === "string" ? rename(source.senderName) : source.senderName,
    },
  ]);
  for (const table of CONFIGURATION_TABLES) {
    const rows = (rowsByTable.get(table) ?? []).map((row) => {
      const copy: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) copy[column] = remap(value);
      if (typeof copy.name === "string") copy.name = rename(copy.name);
      if (table === "StaffUser" && typeof copy.subject === "string") {
        copy.subject = copy.subject.replace(`${region.template}-`, `${region.slug}-`);
      }
      // A residency requirement (Kalmar) follows the region: its own municipalities.
      if (table === "IntakeRuleSet" && copy.restrictMunicipalities === true) {
        copy.allowedMunicipalities = region.municipalities.map(([name]) => name);
      }
      return copy;
    });
    await insertRows(client, table, rows);
  }
  return tenantId;
}

/** Inserts rows as read from `SELECT *` (dates, arrays and JSON included), letting PostgreSQL map the JSON back. */
async function insertRows(client: pg.ClientBase, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, [JSON.stringify(rows)]);
}
