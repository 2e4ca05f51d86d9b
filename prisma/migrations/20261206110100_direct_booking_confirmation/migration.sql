-- CreateEnum
CREATE TYPE "DirectBookingParticipantStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED');

-- CreateTable
CREATE TABLE "DirectBookingParticipant" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "familyName" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "memberId" UUID,
    "status" "DirectBookingParticipantStatus" NOT NULL DEFAULT 'PENDING',
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "assignmentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DirectBookingParticipant_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "DirectBookingParticipant_tenantId_requestId_idx" ON "DirectBookingParticipant"("tenantId", "requestId");

-- CreateIndex
CREATE INDEX "DirectBookingParticipant_tenantId_status_idx" ON "DirectBookingParticipant"("tenantId", "status");

-- AddForeignKey
ALTER TABLE "DirectBookingParticipant" ADD CONSTRAINT "DirectBookingParticipant_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectBookingParticipant" ADD CONSTRAINT "DirectBookingParticipant_tenantId_requestId_fkey" FOREIGN KEY ("tenantId", "requestId") REFERENCES "Request"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Row-level security for the new tenant table, as in 20261122000100_row_level_security.
ALTER TABLE "DirectBookingParticipant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DirectBookingParticipant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "DirectBookingParticipant"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
