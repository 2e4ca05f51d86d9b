-- AlterTable
ALTER TABLE "AssignmentType" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ExperienceTag" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "CostCentre" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;


-- Partial unique indexes Prisma cannot express; they back the services' own checks when two admins act at once.
-- At most one live tenant default per kind of configuration.
CREATE UNIQUE INDEX "IntakeRuleSet_one_tenant_default" ON "IntakeRuleSet" ("tenantId") WHERE "isTenantDefault" AND "retiredAt" IS NULL;
CREATE UNIQUE INDEX "RequestForm_one_tenant_default" ON "RequestForm" ("tenantId") WHERE "isTenantDefault" AND "retiredAt" IS NULL;
CREATE UNIQUE INDEX "FeeSchedule_one_tenant_default" ON "FeeSchedule" ("tenantId") WHERE "isTenantDefault" AND "retiredAt" IS NULL;
-- A person holds a given role (for a network, for a unit) at most once while it is not revoked.
CREATE UNIQUE INDEX "RoleGrant_one_active_grant" ON "RoleGrant" (
  "tenantId", "staffUserId", "role",
  COALESCE("networkId", '00000000-0000-0000-0000-000000000000'::uuid),
  COALESCE("unitId", '00000000-0000-0000-0000-000000000000'::uuid)
) WHERE "revokedAt" IS NULL;
