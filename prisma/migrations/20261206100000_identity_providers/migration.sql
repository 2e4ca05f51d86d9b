-- CreateEnum
CREATE TYPE "IdentityProviderKind" AS ENUM ('CITIZEN', 'STAFF', 'ALL');

-- CreateEnum
CREATE TYPE "LoginLinkMethod" AS ENUM ('MIGRATED', 'REGISTRATION', 'CLAIM_CODE', 'IDENTITY_NUMBER', 'STAFF_INVITATION', 'ADMINISTRATOR');

-- CreateTable
CREATE TABLE "IdentityProvider" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "IdentityProviderKind" NOT NULL,
    "issuer" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "jwksUrl" TEXT,
    "publicKeys" JSONB,
    "clientId" TEXT,
    "identifierClaim" TEXT,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "disabledAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IdentityProvider_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Login" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "identityProviderId" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "memberId" UUID,
    "staffUserId" UUID,
    "method" "LoginLinkMethod" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Login_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "IdentityProvider_issuer_audience_idx" ON "IdentityProvider"("issuer", "audience");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityProvider_tenantId_issuer_audience_key" ON "IdentityProvider"("tenantId", "issuer", "audience");

-- CreateIndex
CREATE INDEX "Login_tenantId_memberId_idx" ON "Login"("tenantId", "memberId");

-- CreateIndex
CREATE INDEX "Login_tenantId_staffUserId_idx" ON "Login"("tenantId", "staffUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Login_tenantId_identityProviderId_subject_key" ON "Login"("tenantId", "identityProviderId", "subject");

-- AddForeignKey
ALTER TABLE "IdentityProvider" ADD CONSTRAINT "IdentityProvider_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Login" ADD CONSTRAINT "Login_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Login" ADD CONSTRAINT "Login_tenantId_identityProviderId_fkey" FOREIGN KEY ("tenantId", "identityProviderId") REFERENCES "IdentityProvider"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Login" ADD CONSTRAINT "Login_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Login" ADD CONSTRAINT "Login_tenantId_staffUserId_fkey" FOREIGN KEY ("tenantId", "staffUserId") REFERENCES "StaffUser"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A login is linked to a member, a staff user, or (one subject who is both, as before) to both; a row left with
-- neither is deleted by whoever clears the last one (the trigger below, login.repository.ts unlinkMemberLogin).

-- Row-level security like every tenant table (20261122000100_row_level_security).
ALTER TABLE "IdentityProvider" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IdentityProvider" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IdentityProvider"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
-- Before any tenant is known, authentication must find which tenant trusts a token's issuer and audience. That one
-- read (auth/actor.repository.ts, findIdentityProviderForToken) sets `app.identity_lookup` transaction-locally; the
-- policy lets it read, never write. Issuers, audiences and public keys are configuration, not personal data.
CREATE POLICY identity_lookup ON "IdentityProvider" FOR SELECT
  USING (current_setting('app.identity_lookup', true) = 'on');

ALTER TABLE "Login" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Login" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Login"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- The tenant's own token columns (tokenIssuer, tokenAudience, jwksUrl, publicKeys: createTenant, the seed) stay its
-- primary identity provider: kept in step here, so every existing writer of those columns keeps working.
CREATE FUNCTION medverkan_sync_primary_identity_provider() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous_tenant text := current_setting('app.tenant_id', true);
BEGIN
  -- An update that leaves the token settings as they were (a re-seed, a tenant setting) leaves the provider alone.
  IF TG_OP = 'UPDATE'
     AND OLD."tokenIssuer" IS NOT DISTINCT FROM NEW."tokenIssuer" AND OLD."tokenAudience" IS NOT DISTINCT FROM NEW."tokenAudience"
     AND OLD."jwksUrl" IS NOT DISTINCT FROM NEW."jwksUrl" AND OLD."publicKeys" IS NOT DISTINCT FROM NEW."publicKeys" THEN
    RETURN NEW;
  END IF;
  PERFORM set_config('app.tenant_id', NEW."id"::text, true);
  UPDATE "IdentityProvider"
     SET "issuer" = NEW."tokenIssuer", "audience" = NEW."tokenAudience", "jwksUrl" = NEW."jwksUrl",
         "publicKeys" = NEW."publicKeys", "updatedAt" = now(), "version" = "version" + 1
   WHERE "tenantId" = NEW."id" AND "isPrimary";
  IF NOT FOUND THEN
    INSERT INTO "IdentityProvider" ("tenantId", "id", "name", "kind", "issuer", "audience", "jwksUrl", "publicKeys", "isPrimary", "createdAt", "updatedAt")
    VALUES (NEW."id", gen_random_uuid(), 'Inloggning', 'ALL', NEW."tokenIssuer", NEW."tokenAudience", NEW."jwksUrl", NEW."publicKeys", true, now(), now());
  END IF;
  PERFORM set_config('app.tenant_id', COALESCE(previous_tenant, ''), true);
  RETURN NEW;
END
$$;
CREATE TRIGGER "Tenant_primary_identity_provider"
  AFTER INSERT OR UPDATE OF "tokenIssuer", "tokenAudience", "jwksUrl", "publicKeys" ON "Tenant"
  FOR EACH ROW EXECUTE FUNCTION medverkan_sync_primary_identity_provider();

-- Member.subject / StaffUser.subject (written by the seed, createTenant's first administrator, createStaffUser) are
-- logins at the tenant's primary identity provider: kept as Login rows here. Logins at other providers are written
-- by the linking code itself (registration, claim codes, identity number, staff invitations).
CREATE FUNCTION medverkan_link_primary_login() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  provider uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."subject" IS NOT DISTINCT FROM NEW."subject" THEN
    RETURN NEW;
  END IF;
  SELECT "id" INTO provider FROM "IdentityProvider" WHERE "tenantId" = NEW."tenantId" AND "isPrimary" LIMIT 1;
  IF provider IS NULL THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."subject" IS NOT NULL THEN
    -- The old subject no longer signs in as this person: drop the row, or only this person's half of a shared one.
    IF TG_TABLE_NAME = 'Member' THEN
      DELETE FROM "Login"
       WHERE "tenantId" = NEW."tenantId" AND "identityProviderId" = provider AND "subject" = OLD."subject"
         AND "memberId" = NEW."id" AND "staffUserId" IS NULL;
      UPDATE "Login" SET "memberId" = NULL
       WHERE "tenantId" = NEW."tenantId" AND "identityProviderId" = provider AND "subject" = OLD."subject" AND "memberId" = NEW."id";
    ELSE
      DELETE FROM "Login"
       WHERE "tenantId" = NEW."tenantId" AND "identityProviderId" = provider AND "subject" = OLD."subject"
         AND "staffUserId" = NEW."id" AND "memberId" IS NULL;
      UPDATE "Login" SET "staffUserId" = NULL
       WHERE "tenantId" = NEW."tenantId" AND "identityProviderId" = provider AND "subject" = OLD."subject" AND "staffUserId" = NEW."id";
    END IF;
  END IF;
  IF NEW."subject" IS NOT NULL THEN
    IF TG_TABLE_NAME = 'Member' THEN
      INSERT INTO "Login" ("tenantId", "id", "identityProviderId", "subject", "memberId", "method", "createdAt")
      VALUES (NEW."tenantId", gen_random_uuid(), provider, NEW."subject", NEW."id", 'MIGRATED', now())
      ON CONFLICT ("tenantId", "identityProviderId", "subject")
      DO UPDATE SET "memberId" = COALESCE("Login"."memberId", EXCLUDED."memberId");
    ELSE
      INSERT INTO "Login" ("tenantId", "id", "identityProviderId", "subject", "staffUserId", "method", "createdAt")
      VALUES (NEW."tenantId", gen_random_uuid(), provider, NEW."subject", NEW."id", 'MIGRATED', now())
      ON CONFLICT ("tenantId", "identityProviderId", "subject")
      DO UPDATE SET "staffUserId" = COALESCE("Login"."staffUserId", EXCLUDED."staffUserId");
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "Member_primary_login" AFTER INSERT OR UPDATE OF "subject" ON "Member"
  FOR EACH ROW EXECUTE FUNCTION medverkan_link_primary_login();
CREATE TRIGGER "StaffUser_primary_login" AFTER INSERT OR UPDATE OF "subject" ON "StaffUser"
  FOR EACH ROW EXECUTE FUNCTION medverkan_link_primary_login();

-- Today's tenants: their token columns become their first (primary) identity provider, and every subject a login there.
INSERT INTO "IdentityProvider" ("tenantId", "id", "name", "kind", "issuer", "audience", "jwksUrl", "publicKeys", "isPrimary", "createdAt", "updatedAt")
SELECT t."id", gen_random_uuid(), 'Inloggning', 'ALL', t."tokenIssuer", t."tokenAudience", t."jwksUrl", t."publicKeys", true, now(), now()
FROM "Tenant" t;

INSERT INTO "Login" ("tenantId", "id", "identityProviderId", "subject", "memberId", "staffUserId", "method", "createdAt")
SELECT p."tenantId", gen_random_uuid(), p."id", people."subject",
       max(people."memberId"::text)::uuid, max(people."staffUserId"::text)::uuid, 'MIGRATED', now()
FROM "IdentityProvider" p
JOIN (
  SELECT m."tenantId", m."subject", m."id" AS "memberId", NULL::uuid AS "staffUserId" FROM "Member" m WHERE m."subject" IS NOT NULL
  UNION ALL
  SELECT s."tenantId", s."subject", NULL::uuid, s."id" FROM "StaffUser" s
) people ON people."tenantId" = p."tenantId"
WHERE p."isPrimary"
GROUP BY p."tenantId", p."id", people."subject";
