-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "paysByBankAccount" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "bankAccountEncrypted" TEXT,
ADD COLUMN     "bankAccountMasked" TEXT,
ADD COLUMN     "employeeNumber" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Member_tenantId_employeeNumber_key" ON "Member"("tenantId", "employeeNumber");


-- Issue 21: the bank account is stored like the personal identity number, encrypted and masked together (a stored
-- value is always a ciphertext envelope, never plain digits). Kalmar pays fees to a bank account the member registers.
ALTER TABLE "Member" ADD CONSTRAINT "Member_bankAccount_together" CHECK (
  ("bankAccountEncrypted" IS NULL) = ("bankAccountMasked" IS NULL)
  AND ("bankAccountEncrypted" IS NULL OR "bankAccountEncrypted" LIKE 'v1.%')
);
UPDATE "Tenant" SET "paysByBankAccount" = true WHERE "slug" = 'kalmar';
