-- Statistics data version (issue 19 item 6). Statistics answers are remembered under a per-tenant version that every
-- committed change to what they read replaces, so a repeated question reads one row instead of every finest cell.
-- The version is kept by triggers, not by the API's write paths, so no write can forget it.
--
-- Why two tables and a deferred trigger: bumping one row per tenant from every writing statement would hold that
-- row's lock from the first write to the commit, queueing every writing transaction of the tenant behind the
-- previous one (and deadlocking two that also lock rows of their own in the opposite order). Instead each statement
-- only notes (tenant, transaction) in StatisticsDataChange — no shared row, ON CONFLICT DO NOTHING after the first —
-- and a deferred constraint trigger on that note replaces the version at commit, once per transaction and tenant,
-- holding the version row's lock only for the commit itself. The version and the data change in one commit.
--
-- The triggers on the fact tables are statement-level with transition tables (one INSERT … SELECT DISTINCT per
-- statement, however many rows: bulk loads stay cheap); Member and Tenant, whose rows change often in ways
-- statistics do not read, use row-level triggers limited to the columns read.

-- CreateTable
CREATE TABLE "StatisticsDataVersion" (
    "tenantId" UUID NOT NULL,
    "version" UUID NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatisticsDataVersion_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "StatisticsDataChange" (
    "tenantId" UUID NOT NULL,
    "transactionId" BIGINT NOT NULL,

    CONSTRAINT "StatisticsDataChange_pkey" PRIMARY KEY ("tenantId","transactionId")
);

-- Every tenant already there starts with a version of its own (before row-level security is forced below).
INSERT INTO "StatisticsDataVersion" ("tenantId", "version") SELECT "id", gen_random_uuid() FROM "Tenant";

ALTER TABLE "StatisticsDataVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StatisticsDataVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StatisticsDataVersion"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "StatisticsDataChange" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StatisticsDataChange" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StatisticsDataChange"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- At commit (deferred), once per transaction and tenant: a new version, the note removed, and an announcement on
-- `medverkan_statistics` (delivered at commit; payload the tenant id) that lets instances warm the tenant's cubes.
-- Runs as the writer (no SECURITY DEFINER): a tenant transaction writes only its own tenant's notes and version.
CREATE FUNCTION medverkan_statistics_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatisticsDataVersion" ("tenantId", "version", "changedAt")
    VALUES (NEW."tenantId", gen_random_uuid(), CURRENT_TIMESTAMP)
    ON CONFLICT ("tenantId") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = EXCLUDED."changedAt";
  DELETE FROM "StatisticsDataChange" WHERE "tenantId" = NEW."tenantId" AND "transactionId" = NEW."transactionId";
  PERFORM pg_notify('medverkan_statistics', NEW."tenantId"::text);
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER statistics_version AFTER INSERT ON "StatisticsDataChange"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION medverkan_statistics_version();

-- A statement's note: the tenants of the rows it inserted, updated or deleted (the transition table `changed_rows`).
CREATE FUNCTION medverkan_statistics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatisticsDataChange" ("tenantId", "transactionId")
    SELECT DISTINCT "tenantId", txid_current() FROM changed_rows
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- A row's note, for the row-level triggers on Member and Tenant (a tenant is its own id: branches, not one CASE,
-- since PL/pgSQL resolves every field a statement names, and a tenant row has no "tenantId").
CREATE FUNCTION medverkan_statistics_changed_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid;
BEGIN
  IF TG_TABLE_NAME = 'Tenant' THEN
    tenant := NEW."id";
  ELSE
    tenant := NEW."tenantId";
  END IF;
  INSERT INTO "StatisticsDataChange" ("tenantId", "transactionId") VALUES (tenant, txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- What statistics.repository.ts reads: the facts of every family, the pool and its intake steps, the group labels.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Request', 'Invitation', 'Occasion', 'Assignment', 'Attendance', 'FeeClaim', 'Feedback',
                           'Membership', 'MembershipEvent', 'Network', 'Unit', 'AssignmentType'] LOOP
    EXECUTE format('CREATE TRIGGER statistics_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION medverkan_statistics_changed()', t);
    EXECUTE format('CREATE TRIGGER statistics_update AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION medverkan_statistics_changed()', t);
    EXECUTE format('CREATE TRIGGER statistics_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION medverkan_statistics_changed()', t);
  END LOOP;
END
$$;

-- A member counts through their memberships (inserted and deleted with them, above); of the member's own row
-- statistics read the perspectives, the birth date or year (age band) and the municipality.
CREATE TRIGGER statistics_update AFTER UPDATE ON "Member" FOR EACH ROW
  WHEN (OLD."perspectives" IS DISTINCT FROM NEW."perspectives" OR OLD."birthDate" IS DISTINCT FROM NEW."birthDate"
        OR OLD."birthYear" IS DISTINCT FROM NEW."birthYear" OR OLD."municipality" IS DISTINCT FROM NEW."municipality"
        OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION medverkan_statistics_changed_row();
-- Of the tenant: the small-cell threshold, the time zone (months and years) and the names in the annual report.
CREATE TRIGGER statistics_update AFTER UPDATE ON "Tenant" FOR EACH ROW
  WHEN (OLD."smallCellThreshold" IS DISTINCT FROM NEW."smallCellThreshold" OR OLD."timeZone" IS DISTINCT FROM NEW."timeZone"
        OR OLD."name" IS DISTINCT FROM NEW."name" OR OLD."slug" IS DISTINCT FROM NEW."slug")
  EXECUTE FUNCTION medverkan_statistics_changed_row();
