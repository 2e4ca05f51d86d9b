import type { Prisma } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import { type ClaimRow, findClaimsByIds } from "../fee-claim/fee-claim.repository.js";

// The only code of payroll that knows about Prisma.

/**
 * Serialises payroll exports of a tenant: the second of two concurrent exports waits, and then finds the first one's
 * claims already taken. Transaction-scoped.
 */
export async function lockPayrollExports(tx: Tx, tenantId: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:payroll-export`);
}

/** Attested claims of the period for the payer that no export holds yet. */
export async function findExportableClaimIds(
  tx: Tx,
  tenantId: string,
  criteria: { payerOrganisationId: string | null; from: Date; to: Date; networks: "ALL" | readonly string[] },
): Promise<string[]> {
  const rows = await tx.feeClaim.findMany({
    where: {
      tenantId,
      status: "ATTESTED",
      payrollExportId: null,
      payerOrganisationId: criteria.payerOrganisationId,
      occasionDate: { gte: criteria.from, lte: criteria.to },
      ...(criteria.networks === "ALL" ? {} : { assignment: { request: { networkId: { in: [...criteria.networks] } } } }),
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}

export function insertPayrollExport(
  tx: Tx,
  tenantId: string,
  data: { payerOrganisationId: string | null; periodFrom: Date; periodTo: Date; createdById: string },
) {
  return tx.payrollExport.create({ data: { tenantId, ...data }, select: { id: true } });
}

/**
 * Marks the claims as sent in this export — only those still attested and in no export, so a claim can never be in
 * two. The count tells the caller whether every claim it chose was still free.
 */
export async function takeClaimsIntoExport(tx: Tx, tenantId: string, exportId: string, claimIds: readonly string[]): Promise<number> {
  const { count } = await tx.feeClaim.updateMany({
    where: { tenantId, id: { in: [...claimIds] }, status: "ATTESTED", payrollExportId: null },
    data: { status: "SENT_TO_PAYROLL", payrollExportId: exportId, version: { increment: 1 } },
  });
  return count;
}

export async function markExportClaimsPaid(tx: Tx, tenantId: string, exportId: string, paidAt: Date): Promise<string[]> {
  const rows = await tx.feeClaim.findMany({
    where: { tenantId, payrollExportId: exportId, status: "SENT_TO_PAYROLL" },
    select: { id: true, memberId: true },
  });
  if (rows.length > 0) {
    await tx.feeClaim.updateMany({
      where: { tenantId, id: { in: rows.map((row) => row.id) }, status: "SENT_TO_PAYROLL" },
      data: { status: "PAID", paidAt, version: { increment: 1 } },
    });
  }
  return rows.map((row) => row.memberId);
}

export type PayrollExportRow = Prisma.PayrollExportGetPayload<{ include: { payerOrganisation: { select: { name: true } } } }>;

export async function findPayrollExport(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<{ row: PayrollExportRow; claims: ClaimRow[] } | null> {
  const row = await tx.payrollExport.findFirst({ where: { tenantId, id }, include: { payerOrganisation: { select: { name: true } } } });
  if (!row) return null;
  const ids = await tx.feeClaim.findMany({ where: { tenantId, payrollExportId: id }, select: { id: true } });
  return {
    row,
    claims: await findClaimsByIds(
      tx,
      tenantId,
      ids.map((claim) => claim.id),
    ),
  };
}

/** Exports whose every claim is of the given networks (all exports for "ALL"). */
export async function listPayrollExportIds(
  tx: Tx,
  tenantId: string,
  networks: "ALL" | readonly string[],
  page: { take: number; afterId: string | null },
): Promise<{ ids: string[]; total: number }> {
  const where: Prisma.PayrollExportWhereInput = {
    tenantId,
    ...(networks === "ALL" ? {} : { feeClaims: { none: { assignment: { request: { networkId: { notIn: [...networks] } } } } } }),
  };
  const [rows, total] = await Promise.all([
    tx.payrollExport.findMany({
      where: page.afterId ? { AND: [where, { id: { gt: page.afterId } }] } : where,
      select: { id: true },
      orderBy: { id: "asc" },
      take: page.take + 1,
    }),
    tx.payrollExport.count({ where }),
  ]);
  return { ids: rows.map((row) => row.id), total };
}

export async function organisationExists(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  return (await tx.organisation.count({ where: { tenantId, id } })) === 1;
}
