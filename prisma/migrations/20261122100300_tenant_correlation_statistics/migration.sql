-- Extended statistics for tenant-scoped lookups (issue 10, found with EXPLAIN ANALYZE on the national data set).
--
-- Every query names the tenant and another key, e.g. `"tenantId" = $1 AND "networkId" = $2`. A network, member or
-- request belongs to one tenant, but without these statistics PostgreSQL multiplies the two selectivities as if they
-- were independent and, with 21 tenants, underestimates such lookups about twentyfold (Membership of one network:
-- 19 rows estimated, 2 474 read). The ranked-candidates query then chose nested loops over re-sorted aggregates and
-- ran for 48 s; with the functional dependency known it hashes and takes about 0.2 s. The statistics cost nothing at
-- query time and are refreshed by ANALYZE (autovacuum).

CREATE STATISTICS "Membership_tenant_network_status_stats" (dependencies, ndistinct) ON "tenantId", "networkId", "status" FROM "Membership";
CREATE STATISTICS "Membership_tenant_member_stats" (dependencies) ON "tenantId", "memberId" FROM "Membership";
CREATE STATISTICS "Request_tenant_network_status_stats" (dependencies, ndistinct) ON "tenantId", "networkId", "status" FROM "Request";
CREATE STATISTICS "Request_tenant_unit_stats" (dependencies) ON "tenantId", "unitId" FROM "Request";
CREATE STATISTICS "Invitation_tenant_member_stats" (dependencies) ON "tenantId", "memberId" FROM "Invitation";
CREATE STATISTICS "Invitation_tenant_request_stats" (dependencies) ON "tenantId", "requestId" FROM "Invitation";
CREATE STATISTICS "Assignment_tenant_member_stats" (dependencies) ON "tenantId", "memberId" FROM "Assignment";
CREATE STATISTICS "Assignment_tenant_request_stats" (dependencies) ON "tenantId", "requestId" FROM "Assignment";
CREATE STATISTICS "MemberExperience_tenant_tag_stats" (dependencies) ON "tenantId", "tagId" FROM "MemberExperience";
CREATE STATISTICS "MemberPause_tenant_member_stats" (dependencies) ON "tenantId", "memberId" FROM "MemberPause";
CREATE STATISTICS "MembershipEvent_tenant_membership_stats" (dependencies) ON "tenantId", "membershipId" FROM "MembershipEvent";
CREATE STATISTICS "Occasion_tenant_request_stats" (dependencies) ON "tenantId", "requestId" FROM "Occasion";
CREATE STATISTICS "RequestEvent_tenant_request_stats" (dependencies) ON "tenantId", "requestId" FROM "RequestEvent";
CREATE STATISTICS "Attendance_tenant_assignment_stats" (dependencies) ON "tenantId", "assignmentId" FROM "Attendance";
CREATE STATISTICS "FeeClaim_tenant_member_stats" (dependencies) ON "tenantId", "memberId" FROM "FeeClaim";
CREATE STATISTICS "Feedback_tenant_request_stats" (dependencies) ON "tenantId", "requestId" FROM "Feedback";
CREATE STATISTICS "Consent_tenant_member_stats" (dependencies) ON "tenantId", "memberId" FROM "Consent";
