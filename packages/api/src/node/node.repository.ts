import { Prisma } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

/**
 * The types `node(id:)` can answer, each with the root query field that reads one by id. `node` delegates to that
 * field (its permission rule and its service), so a node is exactly what the field would give: another tenant's id, an
 * id the caller may not read and an id that does not exist are all null.
 */
export const NODE_TYPES = {
  CostCentre: "costCentre",
  ExperienceTag: "experienceTag",
  FeeClaim: "feeClaim",
  FeeSchedule: "feeSchedule",
  IntakeRuleSet: "intakeRuleSet",
  Invitee: "invitee",
  Member: "member",
  Membership: "membership",
  Network: "network",
  Organisation: "organisation",
  PayrollExport: "payrollExport",
  Request: "request",
  RequestForm: "requestForm",
  StaffUser: "staffUser",
  TrainingSession: "trainingSession",
  Unit: "unit",
} as const;
export type NodeTypeName = keyof typeof NODE_TYPES;

/** Where a type's ids are kept, when not in the `id` column of the table named like the type. */
const NODE_ID_COLUMNS: Partial<Record<NodeTypeName, { table: string; column: string }>> = {
  // An invitee's own id is derived from its invitation's (a generated column, migration 20261207110000).
  Invitee: { table: "Invitation", column: "inviteeId" },
};

/** Which table holds each id: one statement over the node tables, inside the tenant's RLS transaction. */
export async function findNodeTypes(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Map<string, NodeTypeName>> {
  if (ids.length === 0) return new Map();
  const lookups = (Object.keys(NODE_TYPES) as NodeTypeName[]).map((type) => {
    const { table, column } = NODE_ID_COLUMNS[type] ?? { table: type, column: "id" };
    const id = Prisma.raw(`"${column}"`);
    return Prisma.sql`SELECT ${id}::text AS "id", ${type} AS "type" FROM ${Prisma.raw(`"${table}"`)}
                      WHERE "tenantId" = ${tenantId}::uuid AND ${id} = ANY(${ids as string[]}::uuid[])`;
  });
  const rows = await tx.$queryRaw<{ id: string; type: NodeTypeName }[]>(Prisma.join(lookups, " UNION ALL "));
  return new Map(rows.map((row) => [row.id, row.type]));
}
