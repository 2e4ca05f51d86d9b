-- Fee claims: at most one live claim per participant and occasion, so the same occasion can never be claimed (and
-- paid) twice. A claim replaced by a correction (SUPERSEDED) or sent back (REJECTED) no longer counts; both stay as
-- history. Partial indexes cannot be expressed in schema.prisma, so they are written here by hand.
CREATE UNIQUE INDEX "FeeClaim_one_live_claim_per_assignment_occasion" ON "FeeClaim" ("tenantId", "assignmentId", "occasionId")
  WHERE "status" NOT IN ('SUPERSEDED', 'REJECTED');

-- A claim is corrected at most once: two concurrent corrections cannot both supersede it.
CREATE UNIQUE INDEX "FeeClaim_superseded_once" ON "FeeClaim" ("tenantId", "supersedesId") WHERE "supersedesId" IS NOT NULL;

-- The claims of a payroll export, read for its CSV and summaries.
CREATE INDEX "FeeClaim_by_payroll_export" ON "FeeClaim" ("tenantId", "payrollExportId") WHERE "payrollExportId" IS NOT NULL;
