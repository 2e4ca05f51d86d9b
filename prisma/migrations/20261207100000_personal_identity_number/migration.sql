-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "personalIdentityNumberEncrypted" TEXT,
ADD COLUMN     "personalIdentityNumberIndex" TEXT,
ADD COLUMN     "personalIdentityNumberMasked" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Member_tenantId_personalIdentityNumberIndex_key" ON "Member"("tenantId", "personalIdentityNumberIndex");


-- Issue 15: the three columns are written together (identity/personal-identity-number.crypto.ts) and the stored value
-- is always a ciphertext envelope, never twelve plain digits.
ALTER TABLE "Member" ADD CONSTRAINT "Member_personalIdentityNumber_together" CHECK (
  ("personalIdentityNumberEncrypted" IS NULL) = ("personalIdentityNumberIndex" IS NULL)
  AND ("personalIdentityNumberEncrypted" IS NULL) = ("personalIdentityNumberMasked" IS NULL)
  AND ("personalIdentityNumberEncrypted" IS NULL OR "personalIdentityNumberEncrypted" LIKE 'v1.%')
);
