-- Indexes for the statistics of a year (issue 10, issue 7; packages/api/src/statistics/statistics.repository.ts), found
-- with EXPLAIN (ANALYZE, BUFFERS) of an annual report on the national data set. Plans and timings:
-- packages/bench/results/statistics-plans.md.

-- Assignments carried out in a year are found by their request's carrying out: without this the tenant's every
-- request was read and filtered (10 000 rows for 1 600).
CREATE INDEX "Request_tenantId_carriedOutAt_idx" ON "Request"("tenantId", "carriedOutAt");

-- Fee claims paid in a year: without this the plan walked every member of the tenant and each member's claims.
CREATE INDEX "FeeClaim_tenantId_status_paidAt_idx" ON "FeeClaim"("tenantId", "status", "paidAt");

-- Registrations in a year.
CREATE INDEX "Membership_tenantId_registeredAt_idx" ON "Membership"("tenantId", "registeredAt");

-- The pool at a date: a membership's last intake step up to an instant is the first entry of a backward scan,
-- instead of reading and sorting all its steps.
CREATE INDEX "MembershipEvent_tenantId_membershipId_at_id_idx" ON "MembershipEvent"("tenantId", "membershipId", "at", "id");

-- Accepted invitations per request (the fill of each request of a year). Partial, so schema.prisma cannot express it.
CREATE INDEX "Invitation_accepted_request_idx" ON "Invitation"("tenantId", "requestId") WHERE "status" = 'ACCEPTED';
