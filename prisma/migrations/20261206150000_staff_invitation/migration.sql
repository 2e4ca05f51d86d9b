-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "invitationLinkedAt" TIMESTAMPTZ(3),
ADD COLUMN     "invitedIdentifier" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_tenantId_invitedIdentifier_key" ON "StaffUser"("tenantId", "invitedIdentifier");
