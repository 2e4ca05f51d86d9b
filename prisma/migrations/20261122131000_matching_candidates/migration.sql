-- Indexes for ranked candidates (issue 10; packages/api/src/matching/matching.repository.ts), found with
-- EXPLAIN (ANALYZE, BUFFERS) on the national data set. Plans and timings: packages/bench/results/candidates-plans.md.
-- Partial, because each reads only the rows its condition names (schema.prisma cannot express them).

-- Each pool member's assignments that were not cancelled (ever assigned, and how many began in the fairness window):
-- read from the index alone, in member order, instead of from every assignment row of the tenant.
CREATE INDEX "Assignment_live_member_createdAt_idx" ON "Assignment" ("tenantId", "memberId", "createdAt") WHERE "status" <> 'CANCELLED';

-- Other requests' occasions around this request's dates (bookings that lower a candidate): a range of the tenant's
-- live occasions by start, where the (tenant, request, start) key made every occasion of five years a candidate.
CREATE INDEX "Occasion_live_startsAt_idx" ON "Occasion" ("tenantId", "startsAt") WHERE "cancelledAt" IS NULL;
