-- CreateTable
CREATE TABLE "CandidatePoolVersion" (
    "tenantId" UUID NOT NULL,
    "version" UUID NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CandidatePoolVersion_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "CandidatePoolChange" (
    "tenantId" UUID NOT NULL,
    "transactionId" BIGINT NOT NULL,

    CONSTRAINT "CandidatePoolChange_pkey" PRIMARY KEY ("tenantId","transactionId")
);

-- Issue 19 item 5: the candidate ranking reads a network's whole pool (profiles, tags, pauses, fairness counters) for
-- every request it ranks, and those facts change far less often than they are read. The API remembers them per
-- network under this version and reads only the version and the request's own facts on a repeat
-- (packages/api/src/matching/candidate-pool-memo.ts). Kept the way the statistics data version is
-- (20261208150000, whose header says why a note per transaction and a deferred trigger): each writing statement notes
-- (tenant, transaction), and at commit the note becomes a new random version. Tenant-wide rather than per network: a
-- member's invitation in one network is a load the ranking counts in every network of the tenant.

-- Every tenant already there starts with a version of its own (before row-level security is forced below).
INSERT INTO "CandidatePoolVersion" ("tenantId", "version") SELECT "id", gen_random_uuid() FROM "Tenant";

ALTER TABLE "CandidatePoolVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CandidatePoolVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CandidatePoolVersion"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "CandidatePoolChange" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CandidatePoolChange" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CandidatePoolChange"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- At commit (deferred), once per transaction and tenant, both versions in one function, the statistics version first.
-- Each version row is locked from the moment it is replaced to the end of the commit, and deferred triggers fire in
-- the order their notes were written: with a trigger per version, a transaction that changed fee claims and then
-- invitations would lock the statistics version and then the pool's, and one that changed them the other way round
-- would lock them in the other order — two such commits at once could deadlock. Whichever note's trigger fires first
-- now replaces what the transaction changed, always in the same order, and removes both notes; the other finds none.
-- No announcement for the pool: every ranking reads the version in its own transaction, so no instance can serve a
-- pool older than what it reads.
CREATE FUNCTION medverkan_data_versions(tenant uuid, tx bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "StatisticsDataChange" WHERE "tenantId" = tenant AND "transactionId" = tx) THEN
    INSERT INTO "StatisticsDataVersion" ("tenantId", "version", "changedAt")
      VALUES (tenant, gen_random_uuid(), CURRENT_TIMESTAMP)
      ON CONFLICT ("tenantId") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
    DELETE FROM "StatisticsDataChange" WHERE "tenantId" = tenant AND "transactionId" = tx;
    PERFORM pg_notify('medverkan_statistics', tenant::text);
  END IF;
  IF EXISTS (SELECT 1 FROM "CandidatePoolChange" WHERE "tenantId" = tenant AND "transactionId" = tx) THEN
    INSERT INTO "CandidatePoolVersion" ("tenantId", "version", "changedAt")
      VALUES (tenant, gen_random_uuid(), CURRENT_TIMESTAMP)
      ON CONFLICT ("tenantId") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
    DELETE FROM "CandidatePoolChange" WHERE "tenantId" = tenant AND "transactionId" = tx;
  END IF;
END
$$;

-- Runs as the writer (no SECURITY DEFINER), as before: a tenant transaction writes only its own tenant's rows.
CREATE OR REPLACE FUNCTION medverkan_statistics_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM medverkan_data_versions(NEW."tenantId", NEW."transactionId");
  RETURN NULL;
END
$$;

CREATE FUNCTION medverkan_candidate_pool_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM medverkan_data_versions(NEW."tenantId", NEW."transactionId");
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER candidate_pool_version AFTER INSERT ON "CandidatePoolChange"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION medverkan_candidate_pool_version();

-- A statement's note (the transition table `changed_rows`), or a row's (`NEW`, for the row trigger on Member).
CREATE FUNCTION medverkan_candidate_pool_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    INSERT INTO "CandidatePoolChange" ("tenantId", "transactionId") VALUES (NEW."tenantId", txid_current()) ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO "CandidatePoolChange" ("tenantId", "transactionId")
      SELECT DISTINCT "tenantId", txid_current() FROM changed_rows
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- What matching.repository.ts reads of the pool: memberships, experience tags, pauses, the fairness counters and the
-- raw invitations and assignments at the window's edge.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Membership', 'MemberExperience', 'MemberPause', 'MemberActivity', 'MemberActivityMonth',
                           'Invitation', 'Assignment'] LOOP
    EXECUTE format('CREATE TRIGGER candidate_pool_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION medverkan_candidate_pool_changed()', t);
    EXECUTE format('CREATE TRIGGER candidate_pool_update AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION medverkan_candidate_pool_changed()', t);
    EXECUTE format('CREATE TRIGGER candidate_pool_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION medverkan_candidate_pool_changed()', t);
  END LOOP;
END
$$;

-- A member joins and leaves the pool through memberships (above); of the member's own row the ranking and its filter
-- read these columns, and "may be selected" reads the erasure and the restriction.
CREATE TRIGGER candidate_pool_update AFTER UPDATE ON "Member" FOR EACH ROW
  WHEN (OLD."birthDate" IS DISTINCT FROM NEW."birthDate" OR OLD."birthYear" IS DISTINCT FROM NEW."birthYear"
        OR OLD."municipality" IS DISTINCT FROM NEW."municipality" OR OLD."perspectives" IS DISTINCT FROM NEW."perspectives"
        OR OLD."languages" IS DISTINCT FROM NEW."languages" OR OLD."accessibilityNeeds" IS DISTINCT FROM NEW."accessibilityNeeds"
        OR OLD."competences" IS DISTINCT FROM NEW."competences" OR OLD."erasedAt" IS DISTINCT FROM NEW."erasedAt"
        OR OLD."restrictedAt" IS DISTINCT FROM NEW."restrictedAt" OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION medverkan_candidate_pool_changed();
