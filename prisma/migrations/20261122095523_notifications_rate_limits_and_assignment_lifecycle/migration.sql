-- CreateEnum
CREATE TYPE "FeeClaimAttester" AS ENUM ('UNIT_REQUESTER', 'COORDINATOR', 'EITHER');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('EMAIL', 'NONE');

-- AlterEnum
ALTER TYPE "InvitationStatus" ADD VALUE 'WAITLISTED' AFTER 'ACCEPTED';

-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'SENDING' AFTER 'PENDING';

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "feeClaimAttester" "FeeClaimAttester" NOT NULL DEFAULT 'COORDINATOR',
ADD COLUMN     "senderEmail" TEXT,
ADD COLUMN     "senderName" TEXT,
ADD COLUMN     "signatureEn" TEXT,
ADD COLUMN     "signatureSv" TEXT;

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "followUpNote" TEXT;

-- AlterTable
ALTER TABLE "Occasion" ADD COLUMN     "cancellationReason" TEXT;

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "agreementScope" TEXT,
ADD COLUMN     "cancellationReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "memberId" UUID,
ADD COLUMN     "networkId" UUID;

-- CreateTable
CREATE TABLE "MessageTemplate" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "networkId" UUID,
    "kind" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "tenantId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("tenantId","memberId","kind")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "MessageTemplate_tenantId_kind_locale_idx" ON "MessageTemplate"("tenantId", "kind", "locale");

-- CreateIndex
CREATE INDEX "RateLimitCounter_expiresAt_idx" ON "RateLimitCounter"("expiresAt");

-- AddForeignKey
ALTER TABLE "MessageTemplate" ADD CONSTRAINT "MessageTemplate_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One tenant-wide template per kind and language, and one per network; NULLs are distinct in a plain unique index.
CREATE UNIQUE INDEX "MessageTemplate_tenant_kind_locale_key" ON "MessageTemplate"("tenantId", "kind", "locale") WHERE "networkId" IS NULL;
CREATE UNIQUE INDEX "MessageTemplate_network_kind_locale_key" ON "MessageTemplate"("tenantId", "networkId", "kind", "locale") WHERE "networkId" IS NOT NULL;

-- Workers claim due messages in this order. (The new value SENDING cannot be named in the transaction that adds it.)
CREATE INDEX "OutboxMessage_due_idx" ON "OutboxMessage"("nextAttemptAt") WHERE "status" NOT IN ('SENT', 'FAILED');

-- Row-level security for the new tenant tables, as in 20261122000100_row_level_security.
ALTER TABLE "MessageTemplate" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MessageTemplate" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MessageTemplate"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "NotificationPreference" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "NotificationPreference" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "NotificationPreference"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
