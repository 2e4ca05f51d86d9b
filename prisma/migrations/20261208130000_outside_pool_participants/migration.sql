-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "allowsParticipantsOutsidePool" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "OutsidePoolParticipant" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "organisation" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutsidePoolParticipant_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "OutsidePoolParticipant_tenantId_requestId_idx" ON "OutsidePoolParticipant"("tenantId", "requestId");

-- AddForeignKey
ALTER TABLE "OutsidePoolParticipant" ADD CONSTRAINT "OutsidePoolParticipant_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutsidePoolParticipant" ADD CONSTRAINT "OutsidePoolParticipant_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Row-level security for the new tenant table, as in 20261122000100_row_level_security.
ALTER TABLE "OutsidePoolParticipant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OutsidePoolParticipant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OutsidePoolParticipant"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Issue 21 item 7: Västra Götaland recruits through patient and user organisations as well as its own pool.
UPDATE "Tenant" SET "allowsParticipantsOutsidePool" = true WHERE "slug" = 'vgr';
