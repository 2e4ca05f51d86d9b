-- Issue 16, point 4: a region's own questions on its public registration form (RegistrationForm, one per tenant,
-- versioned), and the answers each membership keeps with the form version they were given on.

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "registrationAnswers" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "registrationFormVersion" INTEGER;

-- CreateTable
CREATE TABLE "RegistrationForm" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "questions" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "RegistrationForm_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RegistrationForm_tenantId_key" ON "RegistrationForm"("tenantId");

-- AddForeignKey
ALTER TABLE "RegistrationForm" ADD CONSTRAINT "RegistrationForm_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Row-level security for the new tenant table, as in 20261122000100_row_level_security.
ALTER TABLE "RegistrationForm" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RegistrationForm" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "RegistrationForm"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
