import type { Prisma } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

const tagFields = {
  tenantId: true,
  id: true,
  parentId: true,
  key: true,
  labelSv: true,
  labelEn: true,
  retiredAt: true,
  version: true,
} as const satisfies Prisma.ExperienceTagSelect;

export type TagRow = Prisma.ExperienceTagGetPayload<{ select: typeof tagFields }>;

/**
 * Serialises every change to one tenant's tag tree. Two moves checked against the same snapshot could otherwise each
 * pass the cycle check and together close a loop. Transaction-scoped: released at commit or rollback.
 */
export async function lockTaxonomy(tx: Tx, tenantId: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:experience-taxonomy`);
}

export async function listTags(
  tx: Tx,
  tenantId: string,
  filter: { includeRetired: boolean; parentId: string | null },
  page: PageRequest,
): Promise<{ rows: TagRow[]; total: number }> {
  const where: Prisma.ExperienceTagWhereInput = {
    tenantId,
    ...(filter.includeRetired ? {} : { retiredAt: null }),
    ...(filter.parentId ? { parentId: filter.parentId } : {}),
  };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.experienceTag.findMany({ ...query, where: { ...where, ...query.where }, select: tagFields }),
    tx.experienceTag.count({ where }),
  ]);
  return { rows, total };
}

/** The whole tree of a tenant, retired tags included (callers decide what to offer). */
export function findAllTags(tx: Tx, tenantId: string): Promise<TagRow[]> {
  return tx.experienceTag.findMany({ where: { tenantId }, select: tagFields });
}

export function findTag(tx: Tx, tenantId: string, id: string): Promise<TagRow | null> {
  return tx.experienceTag.findFirst({ where: { tenantId, id }, select: tagFields });
}

export function findTagsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<TagRow[]> {
  return tx.experienceTag.findMany({ where: { tenantId, id: { in: [...ids] } }, select: tagFields });
}

export function findTagsByParentIds(tx: Tx, tenantId: string, parentIds: readonly string[]): Promise<TagRow[]> {
  return tx.experienceTag.findMany({ where: { tenantId, parentId: { in: [...parentIds] } }, select: tagFields });
}

/** Keys of retired tags stay taken: members and old requests still refer to them. */
export async function isTagKeyTaken(tx: Tx, tenantId: string, key: string): Promise<boolean> {
  return (await tx.experienceTag.findFirst({ where: { tenantId, key }, select: { id: true } })) !== null;
}

export function insertTag(
  tx: Tx,
  tenantId: string,
  data: { key: string; labelSv: string; labelEn: string; parentId: string | null },
): Promise<TagRow> {
  return tx.experienceTag.create({ data: { tenantId, ...data }, select: tagFields });
}

/** Applies a change only if the tag still has the version the caller read; returns how many rows changed (0 or 1). */
export async function updateTagIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: Partial<{ labelSv: string; labelEn: string; parentId: string | null; retiredAt: Date }>,
): Promise<number> {
  const { count } = await tx.experienceTag.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

/** Retires the listed tags still offered (each one's version moves on, as for any change). */
export async function retireTags(tx: Tx, tenantId: string, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.experienceTag.updateMany({
    where: { tenantId, id: { in: [...ids] }, retiredAt: null },
    data: { retiredAt: at, version: { increment: 1 } },
  });
}
