-- Row-level security: every tenant-scoped table answers only rows of the tenant set for the current
-- transaction (`SELECT set_config('app.tenant_id', <uuid>, true)`), and refuses to write rows of any other.
-- It backs the application's own tenant filters; either guard alone keeps tenants apart.
--
-- The API runs its tenant transactions as the role medverkan_app (`set_config('role', 'medverkan_app', true)`),
-- which owns nothing and cannot bypass RLS. Migrations and the demo seed run as the connecting (owner) role.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'medverkan_app') THEN
    CREATE ROLE medverkan_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION
  -- Roles are cluster-wide: another database on the same server may create it at the same moment.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO medverkan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO medverkan_app;
REVOKE ALL ON "_prisma_migrations" FROM medverkan_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO medverkan_app;

ALTER TABLE "Network" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Network" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Network"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "IntakeRuleSet" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IntakeRuleSet" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IntakeRuleSet"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "RequestForm" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RequestForm" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "RequestForm"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "AssignmentType" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AssignmentType" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AssignmentType"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "FeeSchedule" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FeeSchedule" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "FeeSchedule"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "FeeScheduleVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FeeScheduleVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "FeeScheduleVersion"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "ConsentText" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ConsentText" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ConsentText"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "ExperienceTag" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ExperienceTag" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ExperienceTag"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Organisation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Organisation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Organisation"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Unit" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Unit" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Unit"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "CostCentre" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CostCentre" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CostCentre"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "StaffUser" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StaffUser" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StaffUser"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "RoleGrant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RoleGrant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "RoleGrant"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Member" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Member" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Member"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "MemberExperience" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MemberExperience" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MemberExperience"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "MemberPause" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MemberPause" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MemberPause"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "MemberRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MemberRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MemberRevision"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Guardian" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Guardian" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Guardian"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Membership"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "MembershipEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MembershipEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MembershipEvent"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "DuplicateCandidate" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DuplicateCandidate" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "DuplicateCandidate"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Consent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Consent" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Consent"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "TrainingSession" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TrainingSession" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "TrainingSession"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "TrainingEnrolment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TrainingEnrolment" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "TrainingEnrolment"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Request" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Request" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Request"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "RequestExperienceTag" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RequestExperienceTag" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "RequestExperienceTag"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "RequestEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RequestEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "RequestEvent"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Occasion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Occasion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Occasion"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Invitation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Invitation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Invitation"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Assignment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Assignment" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Assignment"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Attendance" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Attendance" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Attendance"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "FeeClaim" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FeeClaim" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "FeeClaim"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "FeeClaimExpense" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FeeClaimExpense" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "FeeClaimExpense"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "PayrollExport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PayrollExport" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PayrollExport"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "Feedback" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Feedback" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Feedback"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "AuditEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AuditEvent"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "OutboxMessage" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OutboxMessage" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OutboxMessage"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "IdempotencyRecord" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IdempotencyRecord" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IdempotencyRecord"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "DataSubjectRequest" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DataSubjectRequest" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "DataSubjectRequest"
  USING ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
