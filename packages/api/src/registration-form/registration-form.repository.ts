import type { Prisma, RegistrationForm } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

// The only code of the registration-form feature that knows about Prisma.

export type RegistrationFormRow = RegistrationForm;

export function findRegistrationForm(tx: Tx, tenantId: string): Promise<RegistrationFormRow | null> {
  return tx.registrationForm.findFirst({ where: { tenantId } });
}

/** Serialises the first save of a tenant's form with any other (two first saves must not both insert). */
export async function lockRegistrationForm(tx: Tx, tenantId: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:registration-form`);
}

export function insertRegistrationForm(tx: Tx, tenantId: string, questions: Prisma.InputJsonArray): Promise<RegistrationFormRow> {
  return tx.registrationForm.create({ data: { tenantId, questions } });
}

/** Applied only if the form still has the version read; the count says whether it was. */
export async function updateRegistrationFormIfVersion(
  tx: Tx,
  tenantId: string,
  expectedVersion: number,
  questions: Prisma.InputJsonArray,
): Promise<number> {
  const result = await tx.registrationForm.updateMany({
    where: { tenantId, version: expectedVersion },
    data: { questions, version: { increment: 1 } },
  });
  return result.count;
}
