import type { Prisma } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

// The only code of organisation representatives that touches the database.

const representationFields = {
  tenantId: true,
  id: true,
  memberId: true,
  organisationId: true,
  status: true,
  validFrom: true,
  validTo: true,
  covers: true,
  networkIds: true,
  assignmentTypeIds: true,
  proposedBy: true,
  decidedAt: true,
  createdAt: true,
  version: true,
  organisation: { select: { name: true } },
} satisfies Prisma.OrganisationRepresentationSelect;

export type RepresentationRow = Prisma.OrganisationRepresentationGetPayload<{ select: typeof representationFields }>;

const patientOrganisationFields = { tenantId: true, id: true, name: true, kind: true, retiredAt: true } as const;

export function listPatientOrganisations(tx: Tx, tenantId: string, includeRetired: boolean) {
  return tx.organisation.findMany({
    where: { tenantId, kind: "PATIENT_ORGANISATION", ...(includeRetired ? {} : { retiredAt: null }) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: patientOrganisationFields,
  });
}

export function findOrganisationForRepresentation(tx: Tx, tenantId: string, id: string) {
  return tx.organisation.findFirst({ where: { tenantId, id }, select: patientOrganisationFields });
}

// Names are compared in code, not with an insensitive `equals`: Prisma sends that as ILIKE, where a typed `%`, `_` or
// a trailing `\` would be a pattern (or an error), not the name. A tenant has tens of organisations, not thousands.
const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase("sv") === b.trim().toLocaleLowerCase("sv");

export async function isOrganisationNameUsed(tx: Tx, tenantId: string, name: string): Promise<boolean> {
  const rows = await tx.organisation.findMany({ where: { tenantId }, select: { name: true } });
  return rows.some((row) => sameName(row.name, name));
}

export function insertPatientOrganisation(tx: Tx, tenantId: string, name: string) {
  return tx.organisation.create({ data: { tenantId, name, kind: "PATIENT_ORGANISATION" }, select: patientOrganisationFields });
}

export function retirePatientOrganisation(tx: Tx, tenantId: string, id: string, at: Date) {
  return tx.organisation.update({
    where: { tenantId_id: { tenantId, id } },
    data: { retiredAt: at, version: { increment: 1 } },
    select: patientOrganisationFields,
  });
}

export function findRepresentationsOfMembers(tx: Tx, tenantId: string, memberIds: readonly string[]) {
  return tx.organisationRepresentation.findMany({
    where: { tenantId, memberId: { in: [...memberIds] } },
    orderBy: [{ validFrom: "desc" }, { id: "asc" }],
    select: representationFields,
  });
}

export function findRepresentation(tx: Tx, tenantId: string, id: string) {
  return tx.organisationRepresentation.findFirst({ where: { tenantId, id }, select: representationFields });
}

/** A proposed or confirmed representation of the same member and organisation still running on `today`. */
export function findOpenRepresentation(tx: Tx, tenantId: string, memberId: string, organisationId: string, today: Date, exceptId?: string) {
  return tx.organisationRepresentation.findFirst({
    where: {
      tenantId,
      memberId,
      organisationId,
      status: { in: ["PROPOSED", "CONFIRMED"] },
      OR: [{ validTo: null }, { validTo: { gte: today } }],
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
}

export function insertRepresentation(tx: Tx, data: Prisma.OrganisationRepresentationUncheckedCreateInput) {
  return tx.organisationRepresentation.create({ data, select: representationFields });
}

/** Under optimistic concurrency: null when the row changed since `version` (or is gone). */
export async function updateRepresentationIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  version: number,
  data: Prisma.OrganisationRepresentationUncheckedUpdateManyInput,
): Promise<RepresentationRow | null> {
  const { count } = await tx.organisationRepresentation.updateMany({
    where: { tenantId, id, version },
    data: { ...data, version: { increment: 1 } },
  });
  return count === 1 ? findRepresentation(tx, tenantId, id) : null;
}

export function findNetworksByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  return tx.network.findMany({ where: { tenantId, id: { in: [...ids] } }, select: { id: true } });
}

export function findAssignmentTypesByKeys(tx: Tx, tenantId: string, keys: readonly string[]) {
  return tx.assignmentType.findMany({ where: { tenantId, key: { in: [...keys] } }, select: { id: true, key: true } });
}

export function findAssignmentTypesByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  return tx.assignmentType.findMany({ where: { tenantId, id: { in: [...ids] } }, select: { id: true, key: true } });
}

/** The member, if a coordinator of `networks` (or "ALL") may act on them: in one of those networks, not erased. */
export function findMemberForCoordinator(tx: Tx, tenantId: string, memberId: string, networks: readonly string[] | "ALL") {
  return tx.member.findFirst({
    where: {
      tenantId,
      id: memberId,
      erasedAt: null,
      ...(networks === "ALL" ? {} : { memberships: { some: { networkId: { in: [...networks] } } } }),
    },
    select: { id: true, restrictedAt: true },
  });
}

export function findMemberState(tx: Tx, tenantId: string, memberId: string) {
  return tx.member.findFirst({ where: { tenantId, id: memberId }, select: { id: true, erasedAt: true, restrictedAt: true } });
}

export function findTenantTimeZone(tx: Tx, tenantId: string) {
  return tx.tenant.findFirst({ where: { id: tenantId }, select: { timeZone: true } });
}

/** For the contacts released on a page of requests: each request's network and assignment type. */
export function findRequestScopes(tx: Tx, tenantId: string, requestIds: readonly string[]) {
  return tx.request.findMany({
    where: { tenantId, id: { in: [...requestIds] } },
    select: { id: true, networkId: true, assignmentTypeId: true },
  });
}

/** Confirmed representations of these members, for what a unit is shown beside their released contact. */
export function findConfirmedRepresentationsOfMembers(tx: Tx, tenantId: string, memberIds: readonly string[]) {
  return tx.organisationRepresentation.findMany({
    where: { tenantId, memberId: { in: [...memberIds] }, status: "CONFIRMED" },
    orderBy: [{ validFrom: "asc" }, { id: "asc" }],
    select: representationFields,
  });
}

/** A live patient organisation whose name is the one given (case-insensitive). */
export async function findPatientOrganisationByName(tx: Tx, tenantId: string, name: string): Promise<{ id: string } | null> {
  const rows = await tx.organisation.findMany({
    where: { tenantId, kind: "PATIENT_ORGANISATION", retiredAt: null },
    select: { id: true, name: true },
  });
  const row = rows.find((candidate) => sameName(candidate.name, name));
  return row ? { id: row.id } : null;
}
