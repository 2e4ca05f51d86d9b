-- Organisation representatives (issue 21 item 4, VGR): a member's mandate to represent one of the tenant's patient
-- and user organisations, linked to the organisation instead of free text.

-- CreateEnum
CREATE TYPE "RepresentationStatus" AS ENUM ('PROPOSED', 'CONFIRMED', 'REJECTED');

-- CreateTable
CREATE TABLE "OrganisationRepresentation" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "status" "RepresentationStatus" NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "covers" TEXT,
    "networkIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "assignmentTypeIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "proposedBy" "ActorType" NOT NULL,
    "proposedById" UUID,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "OrganisationRepresentation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "OrganisationRepresentation_tenantId_memberId_idx" ON "OrganisationRepresentation"("tenantId", "memberId");

-- CreateIndex
CREATE INDEX "OrganisationRepresentation_tenantId_organisationId_idx" ON "OrganisationRepresentation"("tenantId", "organisationId");

-- AddForeignKey
ALTER TABLE "OrganisationRepresentation" ADD CONSTRAINT "OrganisationRepresentation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationRepresentation" ADD CONSTRAINT "OrganisationRepresentation_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationRepresentation" ADD CONSTRAINT "OrganisationRepresentation_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row-level security: a representation is read and written inside its own tenant only.
ALTER TABLE "OrganisationRepresentation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OrganisationRepresentation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OrganisationRepresentation"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Carry the free text over without losing it. Every distinct name members typed becomes (or is found as) one of the
-- tenant's patient organisations: an association of that exact name with no units is reclassified, otherwise one is
-- added. Each member's statement becomes a PROPOSED representation from the day they registered, for a coordinator
-- to confirm with the mandate's terms. The free text itself stays on the member as their own words. A name that is
-- taken by an organisation of another kind (a region unit, a municipality) is left as free text only.
UPDATE "Organisation" o SET "kind" = 'PATIENT_ORGANISATION', "version" = o."version" + 1
WHERE o."kind" = 'ASSOCIATION'
  AND NOT EXISTS (SELECT 1 FROM "Unit" u WHERE u."tenantId" = o."tenantId" AND u."organisationId" = o."id")
  AND EXISTS (
    SELECT 1 FROM "Member" m
    WHERE m."tenantId" = o."tenantId" AND m."erasedAt" IS NULL AND btrim(m."organisationRepresented") = o."name"
  );

INSERT INTO "Organisation" ("tenantId", "id", "name", "kind")
SELECT DISTINCT m."tenantId", gen_random_uuid(), btrim(m."organisationRepresented"), 'PATIENT_ORGANISATION'::"OrganisationKind"
FROM "Member" m
WHERE m."erasedAt" IS NULL AND m."organisationRepresented" IS NOT NULL AND btrim(m."organisationRepresented") <> ''
  AND NOT EXISTS (
    SELECT 1 FROM "Organisation" o WHERE o."tenantId" = m."tenantId" AND o."name" = btrim(m."organisationRepresented")
  );

INSERT INTO "OrganisationRepresentation"
  ("tenantId", "id", "memberId", "organisationId", "status", "validFrom", "networkIds", "assignmentTypeIds",
   "proposedBy", "proposedById", "createdAt", "updatedAt")
SELECT m."tenantId", gen_random_uuid(), m."id", o."id", 'PROPOSED', (m."createdAt" AT TIME ZONE 'Europe/Stockholm')::date,
       ARRAY[]::TEXT[], ARRAY[]::TEXT[], 'MEMBER', m."id", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "Member" m
JOIN "Organisation" o ON o."tenantId" = m."tenantId" AND o."name" = btrim(m."organisationRepresented")
WHERE m."erasedAt" IS NULL AND o."kind" = 'PATIENT_ORGANISATION'
  AND NOT EXISTS (
    SELECT 1 FROM "OrganisationRepresentation" r
    WHERE r."tenantId" = m."tenantId" AND r."memberId" = m."id" AND r."organisationId" = o."id"
  );
