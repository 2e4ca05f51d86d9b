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

-- At commit (deferred), once per transaction and tenant: a new version and the note removed. No announcement: every
-- ranking reads the version in its own transaction, so no instance can serve a pool older than what it reads.
CREATE FUNCTION medverkan_candidate_pool_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CandidatePoolVersion" ("tenantId", "version", "changedAt")
    VALUES (NEW."tenantId", gen_random_uuid(), CURRENT_TIMESTAMP)
    ON CONFLICT ("tenantId") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  DELETE FROM "CandidatePoolChange" WHERE "tenantId" = NEW."tenantId" AND "transactionId" = NEW."transactionId";
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
