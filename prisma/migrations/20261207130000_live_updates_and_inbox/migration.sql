-- CreateTable
CREATE TABLE "InboxNotification" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "recipientMemberId" UUID,
    "recipientStaffUserId" UUID,
    "networkId" UUID,
    "unitId" UUID,
    "subjectType" TEXT,
    "subjectId" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "InboxNotification_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "InboxNotification_tenantId_recipientMemberId_createdAt_idx" ON "InboxNotification"("tenantId", "recipientMemberId", "createdAt");

-- CreateIndex
CREATE INDEX "InboxNotification_tenantId_recipientStaffUserId_createdAt_idx" ON "InboxNotification"("tenantId", "recipientStaffUserId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxNotification_tenantId_idempotencyKey_key" ON "InboxNotification"("tenantId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "InboxNotification" ADD CONSTRAINT "InboxNotification_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "InboxNotification" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InboxNotification" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "InboxNotification"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Live updates (issue 17): every change a subscription may be about is announced on the channel `medverkan_live`
-- by a trigger, so no write path can forget it. NOTIFY is transactional: the announcement is delivered when the
-- writing transaction commits, never for a rolled-back one, to every API instance LISTENing (a session connection,
-- DATABASE_DIRECT_URL). The payload carries ids only — tenant, table, row, and the member, network, unit or staff
-- user it concerns, so an instance can tell which subscriptions to wake — never personal data; each subscriber then
-- reads the row again through the API's authorised path.
CREATE FUNCTION medverkan_live_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  payload jsonb := jsonb_build_object('t', NEW."tenantId", 'e', TG_TABLE_NAME, 'id', NEW."id");
  network uuid;
  unit uuid;
BEGIN
  IF TG_TABLE_NAME = 'Request' THEN
    payload := payload || jsonb_build_object('n', NEW."networkId", 'u', NEW."unitId");
  ELSIF TG_TABLE_NAME IN ('Invitation', 'Assignment') THEN
    SELECT r."networkId", r."unitId" INTO network, unit FROM "Request" r WHERE r."tenantId" = NEW."tenantId" AND r."id" = NEW."requestId";
    payload := payload || jsonb_build_object('m', NEW."memberId", 'r', NEW."requestId", 'n', network, 'u', unit);
  ELSIF TG_TABLE_NAME = 'Membership' THEN
    payload := payload || jsonb_build_object('m', NEW."memberId", 'n', NEW."networkId");
  ELSIF TG_TABLE_NAME = 'InboxNotification' THEN
    payload := payload || jsonb_build_object('m', NEW."recipientMemberId", 's', NEW."recipientStaffUserId");
  END IF;
  PERFORM pg_notify('medverkan_live', jsonb_strip_nulls(payload)::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER live_insert AFTER INSERT ON "Request" FOR EACH ROW EXECUTE FUNCTION medverkan_live_notify();
CREATE TRIGGER live_update AFTER UPDATE ON "Request" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION medverkan_live_notify();
CREATE TRIGGER live_insert AFTER INSERT ON "Invitation" FOR EACH ROW EXECUTE FUNCTION medverkan_live_notify();
CREATE TRIGGER live_update AFTER UPDATE ON "Invitation" FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION medverkan_live_notify();
CREATE TRIGGER live_insert AFTER INSERT ON "Assignment" FOR EACH ROW EXECUTE FUNCTION medverkan_live_notify();
CREATE TRIGGER live_update AFTER UPDATE ON "Assignment" FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION medverkan_live_notify();
CREATE TRIGGER live_insert AFTER INSERT ON "Membership" FOR EACH ROW EXECUTE FUNCTION medverkan_live_notify();
CREATE TRIGGER live_update AFTER UPDATE ON "Membership" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION medverkan_live_notify();
CREATE TRIGGER live_insert AFTER INSERT ON "InboxNotification" FOR EACH ROW EXECUTE FUNCTION medverkan_live_notify();
