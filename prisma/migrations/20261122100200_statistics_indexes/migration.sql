-- Indexes for the statistics queries (packages/api/src/statistics), found with EXPLAIN ANALYZE: without them each
-- family's year is read by scanning every row of the tenant (the primary key's tenant prefix) and filtering.
-- Partial, because each query reads only the rows the condition names (schema.prisma cannot express them).

-- Occasions held in a year, and from them the attendance (the unique key leads with the assignment, not the occasion).
CREATE INDEX "Occasion_held_idx" ON "Occasion" ("tenantId", "startsAt") WHERE "heldAt" IS NOT NULL;
CREATE INDEX "Attendance_attended_occasion_idx" ON "Attendance" ("tenantId", "occasionId") WHERE "attended";

-- Ratings given in a year.
CREATE INDEX "Feedback_rated_idx" ON "Feedback" ("tenantId", "createdAt") WHERE "rating" IS NOT NULL;
