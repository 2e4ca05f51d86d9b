-- CreateTable
CREATE TABLE "MemberActivity" (
    "tenantId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "lastInvitedAt" TIMESTAMPTZ(3),
    "liveAssignments" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MemberActivity_pkey" PRIMARY KEY ("tenantId","memberId")
);

-- CreateTable
CREATE TABLE "MemberActivityMonth" (
    "tenantId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "invitations" INTEGER NOT NULL DEFAULT 0,
    "liveAssignments" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MemberActivityMonth_pkey" PRIMARY KEY ("tenantId","memberId","month")
);

-- CreateIndex
CREATE INDEX "MemberActivityMonth_tenantId_month_idx" ON "MemberActivityMonth"("tenantId", "month");

-- CreateIndex
CREATE INDEX "Invitation_tenantId_invitedAt_idx" ON "Invitation"("tenantId", "invitedAt");

-- AddForeignKey
ALTER TABLE "MemberActivity" ADD CONSTRAINT "MemberActivity_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberActivity" ADD CONSTRAINT "MemberActivity_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberActivityMonth" ADD CONSTRAINT "MemberActivityMonth_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberActivityMonth" ADD CONSTRAINT "MemberActivityMonth_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Issue 19 item 5: the candidate ranking's fairness facts, kept where invitations and assignments are written, so a
-- candidates request reads one row per member and the fairness window's months instead of aggregating years of
-- history (packages/api/src/matching/matching.repository.ts).

-- Row-level security for the new tenant tables, as in 20261122000100_row_level_security. The triggers below run as
-- the writer of the invitation or assignment, under its tenant setting, so their rows pass the same check.
ALTER TABLE "MemberActivity" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MemberActivity" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MemberActivity"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "MemberActivityMonth" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MemberActivityMonth" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MemberActivityMonth"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- The fairness window's first days are counted from the history itself (a UTC month and the tenant's calendar month
-- differ at the edges): a range of the tenant's invitations (the index above) and live assignments by time.
CREATE INDEX "Assignment_live_tenant_createdAt_idx" ON "Assignment" ("tenantId", "createdAt") WHERE "status" <> 'CANCELLED';

-- Invitations: every invitation counts (being asked is a load whatever the answer), by the UTC month of `invitedAt`.
-- A removed invitation takes the last one again from the member's own rows (index tenant, member, invitedAt).
CREATE FUNCTION "member_activity_invitation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "MemberActivityMonth" SET "invitations" = "invitations" - 1
     WHERE "tenantId" = OLD."tenantId" AND "memberId" = OLD."memberId"
       AND "month" = date_trunc('month', OLD."invitedAt" AT TIME ZONE 'UTC')::date;
    UPDATE "MemberActivity"
       SET "lastInvitedAt" = (SELECT max(i."invitedAt") FROM "Invitation" i
                               WHERE i."tenantId" = OLD."tenantId" AND i."memberId" = OLD."memberId")
     WHERE "tenantId" = OLD."tenantId" AND "memberId" = OLD."memberId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "MemberActivityMonth" ("tenantId", "memberId", "month", "invitations")
    VALUES (NEW."tenantId", NEW."memberId", date_trunc('month', NEW."invitedAt" AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT ("tenantId", "memberId", "month") DO UPDATE SET "invitations" = "MemberActivityMonth"."invitations" + 1;
    INSERT INTO "MemberActivity" ("tenantId", "memberId", "lastInvitedAt")
    VALUES (NEW."tenantId", NEW."memberId", NEW."invitedAt")
    ON CONFLICT ("tenantId", "memberId") DO UPDATE
      SET "lastInvitedAt" = greatest("MemberActivity"."lastInvitedAt", EXCLUDED."lastInvitedAt");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "member_activity" AFTER INSERT OR DELETE ON "Invitation"
  FOR EACH ROW EXECUTE FUNCTION "member_activity_invitation"();
CREATE TRIGGER "member_activity_moved" AFTER UPDATE OF "tenantId", "memberId", "invitedAt" ON "Invitation"
  FOR EACH ROW
  WHEN (OLD."tenantId" IS DISTINCT FROM NEW."tenantId" OR OLD."memberId" IS DISTINCT FROM NEW."memberId"
        OR OLD."invitedAt" IS DISTINCT FROM NEW."invitedAt")
  EXECUTE FUNCTION "member_activity_invitation"();

-- Assignments: those not cancelled, by the UTC month of `createdAt`. Cancelling takes one away, and reinstating (or
-- any other change of status between live ones) is a remove and an add.
CREATE FUNCTION "member_activity_assignment"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD."status" <> 'CANCELLED' THEN
    UPDATE "MemberActivityMonth" SET "liveAssignments" = "liveAssignments" - 1
     WHERE "tenantId" = OLD."tenantId" AND "memberId" = OLD."memberId"
       AND "month" = date_trunc('month', OLD."createdAt" AT TIME ZONE 'UTC')::date;
    UPDATE "MemberActivity" SET "liveAssignments" = "liveAssignments" - 1
     WHERE "tenantId" = OLD."tenantId" AND "memberId" = OLD."memberId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."status" <> 'CANCELLED' THEN
    INSERT INTO "MemberActivityMonth" ("tenantId", "memberId", "month", "liveAssignments")
    VALUES (NEW."tenantId", NEW."memberId", date_trunc('month', NEW."createdAt" AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT ("tenantId", "memberId", "month") DO UPDATE SET "liveAssignments" = "MemberActivityMonth"."liveAssignments" + 1;
    INSERT INTO "MemberActivity" ("tenantId", "memberId", "liveAssignments")
    VALUES (NEW."tenantId", NEW."memberId", 1)
    ON CONFLICT ("tenantId", "memberId") DO UPDATE SET "liveAssignments" = "MemberActivity"."liveAssignments" + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "member_activity" AFTER INSERT OR DELETE ON "Assignment"
  FOR EACH ROW EXECUTE FUNCTION "member_activity_assignment"();
CREATE TRIGGER "member_activity_moved" AFTER UPDATE OF "tenantId", "memberId", "createdAt", "status" ON "Assignment"
  FOR EACH ROW
  WHEN (OLD."tenantId" IS DISTINCT FROM NEW."tenantId" OR OLD."memberId" IS DISTINCT FROM NEW."memberId"
        OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
        OR (OLD."status" = 'CANCELLED') IS DISTINCT FROM (NEW."status" = 'CANCELLED'))
  EXECUTE FUNCTION "member_activity_assignment"();

-- Every tenant's counters recomputed from the history: the backfill below, and the bench generator's after its bulk
-- load (COPY with triggers off). Run as the owner; under row-level security it would see one tenant only.
CREATE FUNCTION "rebuild_member_activity"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "MemberActivityMonth";
  DELETE FROM "MemberActivity";
  INSERT INTO "MemberActivity" ("tenantId", "memberId", "lastInvitedAt", "liveAssignments")
  SELECT x."tenantId", x."memberId", max(x."lastInvitedAt"), sum(x."liveAssignments")::int
    FROM (SELECT i."tenantId", i."memberId", max(i."invitedAt") AS "lastInvitedAt", 0::bigint AS "liveAssignments"
            FROM "Invitation" i GROUP BY i."tenantId", i."memberId"
          UNION ALL
          SELECT a."tenantId", a."memberId", NULL, count(*)
            FROM "Assignment" a WHERE a."status" <> 'CANCELLED' GROUP BY a."tenantId", a."memberId") x
   GROUP BY x."tenantId", x."memberId";
  INSERT INTO "MemberActivityMonth" ("tenantId", "memberId", "month", "invitations", "liveAssignments")
  SELECT x."tenantId", x."memberId", x."month", sum(x."invitations")::int, sum(x."liveAssignments")::int
    FROM (SELECT i."tenantId", i."memberId", date_trunc('month', i."invitedAt" AT TIME ZONE 'UTC')::date AS "month",
                 1 AS "invitations", 0 AS "liveAssignments"
            FROM "Invitation" i
          UNION ALL
          SELECT a."tenantId", a."memberId", date_trunc('month', a."createdAt" AT TIME ZONE 'UTC')::date, 0, 1
            FROM "Assignment" a WHERE a."status" <> 'CANCELLED') x
   GROUP BY x."tenantId", x."memberId", x."month";
$$;
REVOKE ALL ON FUNCTION "rebuild_member_activity"() FROM PUBLIC;

SELECT "rebuild_member_activity"();
