-- CreateEnum
CREATE TYPE "IntakeAppointmentStatus" AS ENUM ('BOOKED', 'RESCHEDULED', 'HELD', 'NO_SHOW', 'CANCELLED');

-- CreateEnum
CREATE TYPE "FollowUpChannel" AS ENUM ('PHONE', 'EMAIL', 'MEETING', 'OTHER');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "intakeReminderHoursBefore" INTEGER;

-- CreateTable
CREATE TABLE "IntakeAppointment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "status" "IntakeAppointmentStatus" NOT NULL DEFAULT 'BOOKED',
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3),
    "place" TEXT,
    "digitalLink" TEXT,
    "note" TEXT,
    "previousTimes" JSONB NOT NULL DEFAULT '[]',
    "bookedById" UUID,
    "bookedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "remindedForStartsAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IntakeAppointment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "MembershipFollowUp" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "contactedOn" DATE NOT NULL,
    "channel" "FollowUpChannel" NOT NULL,
    "note" TEXT,
    "nextFollowUpOn" DATE,
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MembershipFollowUp_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "IntakeAppointment_tenantId_membershipId_startsAt_idx" ON "IntakeAppointment"("tenantId", "membershipId", "startsAt");

-- CreateIndex
CREATE INDEX "IntakeAppointment_tenantId_status_startsAt_idx" ON "IntakeAppointment"("tenantId", "status", "startsAt");

-- CreateIndex
CREATE INDEX "MembershipFollowUp_tenantId_membershipId_contactedOn_id_idx" ON "MembershipFollowUp"("tenantId", "membershipId", "contactedOn", "id");

-- CreateIndex
CREATE INDEX "MembershipFollowUp_tenantId_nextFollowUpOn_idx" ON "MembershipFollowUp"("tenantId", "nextFollowUpOn");

-- AddForeignKey
ALTER TABLE "IntakeAppointment" ADD CONSTRAINT "IntakeAppointment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeAppointment" ADD CONSTRAINT "IntakeAppointment_tenantId_membershipId_fkey" FOREIGN KEY ("tenantId", "membershipId") REFERENCES "Membership"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipFollowUp" ADD CONSTRAINT "MembershipFollowUp_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipFollowUp" ADD CONSTRAINT "MembershipFollowUp_tenantId_membershipId_fkey" FOREIGN KEY ("tenantId", "membershipId") REFERENCES "Membership"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Row-level security (issue 21): appointments and follow-up notes are read inside their own tenant only.
ALTER TABLE "IntakeAppointment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IntakeAppointment" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IntakeAppointment"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "MembershipFollowUp" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MembershipFollowUp" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MembershipFollowUp"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
