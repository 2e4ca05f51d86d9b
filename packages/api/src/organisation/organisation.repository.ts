import { advisoryLock, db, type OrganisationKind, type Prisma, rows, sql } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";
import type { CostCentre, Organisation, Unit } from "./organisation.type.js";

const organisationFields = {
  tenantId: true,
  id: true,
  name: true,
  kind: true,
  paysOwnParticipants: true,
  createdAt: true,
  retiredAt: true,
  version: true,
} as const satisfies Prisma.OrganisationSelect;

const unitFields = {
  tenantId: true,
  id: true,
  organisationId: true,
  name: true,
  createdAt: true,
  retiredAt: true,
  version: true,
} as const satisfies Prisma.UnitSelect;

const costCentreFields = {
  tenantId: true,
  id: true,
  organisationId: true,
  unitId: true,
  code: true,
  name: true,
  shared: true,
  retiredAt: true,
  version: true,
} as const satisfies Prisma.CostCentreSelect;

/**
 * Serialises changes that claim the same unique name or code, so two administrators choosing it at the same moment
 * cannot both pass the check that precedes the write. Transaction-scoped: released at commit or rollback.
 */
export async function lockUniqueKey(tx: Tx, tenantId: string, key: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:${key}`);
}

const live = (includeRetired: boolean) => (includeRetired ? {} : { retiredAt: null });

// ─── Organisations ───────────────────────────────────────────────────────────────────────────────────────────

export async function listOrganisations(
  tx: Tx,
  tenantId: string,
  filter: { includeRetired: boolean; kind: OrganisationKind | null },
  page: PageRequest,
): Promise<{ rows: Organisation[]; total: number }> {
  const where: Prisma.OrganisationWhereInput = { tenantId, ...live(filter.includeRetired), ...(filter.kind ? { kind: filter.kind } : {}) };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.organisation.findMany({ ...query, where: { ...where, ...query.where }, select: organisationFields }),
    tx.organisation.count({ where }),
  ]);
  return { rows: rows as Organisation[], total };
}

export async function findOrganisationsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Organisation[]> {
  return (await tx.organisation.findMany({ where: { tenantId, id: { in: [...ids] } }, select: organisationFields })) as Organisation[];
}

export async function findOrganisation(tx: Tx, tenantId: string, id: string): Promise<Organisation | null> {
  return (await tx.organisation.findFirst({ where: { tenantId, id }, select: organisationFields })) as Organisation | null;
}

export async function isOrganisationNameTaken(tx: Tx, tenantId: string, name: string, exceptId: string | null): Promise<boolean> {
  const row = await tx.organisation.findFirst({
    where: { tenantId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  return row !== null;
}

export async function insertOrganisation(
  tx: Tx,
  tenantId: string,
  data: { name: string; kind: OrganisationKind; paysOwnParticipants: boolean },
): Promise<Organisation> {
  return (await tx.organisation.create({ data: { tenantId, ...data }, select: organisationFields })) as Organisation;
}

/** Applies a change only if the row still has the version the caller read; returns how many rows changed (0 or 1). */
export async function updateOrganisationIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: Partial<{ name: string; kind: OrganisationKind; paysOwnParticipants: boolean; retiredAt: Date }>,
): Promise<number> {
  const { count } = await tx.organisation.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

/** What still depends on an organisation: units and cost centres in use. */
export async function countOrganisationDependants(tx: Tx, tenantId: string, organisationId: string) {
  const [units, costCentres] = await Promise.all([
    tx.unit.count({ where: { tenantId, organisationId, retiredAt: null } }),
    tx.costCentre.count({ where: { tenantId, organisationId, retiredAt: null } }),
  ]);
  return { units, costCentres };
}

// ─── Units ───────────────────────────────────────────────────────────────────────────────────────────────────

export async function listUnits(
  tx: Tx,
  tenantId: string,
  filter: { includeRetired: boolean; organisationId: string | null },
  page: PageRequest,
): Promise<{ rows: Unit[]; total: number }> {
  const where: Prisma.UnitWhereInput = {
    tenantId,
    ...live(filter.includeRetired),
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
  };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.unit.findMany({ ...query, where: { ...where, ...query.where }, select: unitFields }),
    tx.unit.count({ where }),
  ]);
  return { rows, total };
}

export function findUnitsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Unit[]> {
  return tx.unit.findMany({ where: { tenantId, id: { in: [...ids] } }, select: unitFields });
}

export function findUnit(tx: Tx, tenantId: string, id: string): Promise<Unit | null> {
  return tx.unit.findFirst({ where: { tenantId, id }, select: unitFields });
}

export async function isUnitNameTaken(tx: Tx, tenantId: string, organisationId: string, name: string, exceptId: string | null) {
  const row = await tx.unit.findFirst({
    where: { tenantId, organisationId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  return row !== null;
}

export function insertUnit(tx: Tx, tenantId: string, data: { organisationId: string; name: string }): Promise<Unit> {
  return tx.unit.create({ data: { tenantId, ...data }, select: unitFields });
}

/** Applies a change only if the row still has the version the caller read; returns how many rows changed (0 or 1). */
export async function updateUnitIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: Partial<{ name: string; retiredAt: Date }>,
): Promise<number> {
  const { count } = await tx.unit.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

/** What still depends on a unit: its own cost centres in use, and requesters (enabled staff) acting for it. */
export async function countUnitDependants(tx: Tx, tenantId: string, unitId: string) {
  const [costCentres, requesterGrants] = await Promise.all([
    tx.costCentre.count({ where: { tenantId, unitId, retiredAt: null } }),
    tx.roleGrant.count({ where: { tenantId, unitId, role: "REQUESTER", revokedAt: null, staffUser: { disabledAt: null } } }),
  ]);
  return { costCentres, requesterGrants };
}

// ─── Cost centres ────────────────────────────────────────────────────────────────────────────────────────────

export function listCostCentres(
  tx: Tx,
  tenantId: string,
  filter: { includeRetired: boolean; organisationId: string | null; unitId: string | null },
  page: PageRequest,
): Promise<[CostCentre[], number]> {
  const where: Prisma.CostCentreWhereInput = {
    tenantId,
    ...live(filter.includeRetired),
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
  };
  const query = pageQuery(page);
  return Promise.all([
    tx.costCentre.findMany({ ...query, where: { ...where, ...query.where }, select: costCentreFields }),
    tx.costCentre.count({ where }),
  ]);
}

export function findCostCentre(tx: Tx, tenantId: string, id: string): Promise<CostCentre | null> {
  return tx.costCentre.findFirst({ where: { tenantId, id }, select: costCentreFields });
}

/** Codes of retired cost centres stay taken: old claims and payroll exports must keep naming one cost centre. */
export async function isCostCentreCodeTaken(tx: Tx, tenantId: string, code: string): Promise<boolean> {
  const row = await tx.costCentre.findFirst({ where: { tenantId, code }, select: { id: true } });
  return row !== null;
}

export function insertCostCentre(
  tx: Tx,
  tenantId: string,
  data: { organisationId: string; unitId: string | null; code: string; name: string; shared: boolean },
): Promise<CostCentre> {
  return tx.costCentre.create({ data: { tenantId, ...data }, select: costCentreFields });
}

/** Applies a change only if the row still has the version the caller read; returns how many rows changed (0 or 1). */
export async function updateCostCentreIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: Partial<{ name: string; unitId: string | null; shared: boolean; retiredAt: Date }>,
): Promise<number> {
  const { count } = await tx.costCentre.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

/**
 * Locks one configuration row until the transaction ends: a unit or cost centre being added to an organisation (or a
 * grant to a unit) and the retirement of that organisation or unit cannot pass their checks at the same moment, and
 * the "before" an audit event records is the row the change was applied to. Stale clients are caught by `version`.
 */
export async function lockConfigurationRow(tx: Tx, table: "Organisation" | "Unit" | "CostCentre", tenantId: string, id: string) {
  await rows(
    tx,
    db.selectFrom(table).select(sql<number>`1`.as("locked")).where("tenantId", "=", tenantId).where("id", "=", id).forUpdate(),
  );
}
