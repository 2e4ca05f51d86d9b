import { createAssignmentLoaders } from "../assignment/assignment.loaders.js";
import type { Loaders } from "../context/loaders.js";
import type { TenantScope } from "../context/tenant-scope.js";
import { createFeeScheduleLoaders } from "../fee-schedule/fee-schedule.loaders.js";
import { createIntakeLoaders } from "../intake/intake.loaders.js";
import { createIntakeRulesLoaders } from "../intake-rules/intake-rules.loaders.js";
import { createInvitationLoaders } from "../invitation/invitation.loaders.js";
import { createMemberLoaders } from "../member/member.loaders.js";
import { createNetworkLoaders } from "../network/network.loaders.js";
import { createOrganisationLoaders } from "../organisation/organisation.loaders.js";
import { createRequestLoaders } from "../request/request.loaders.js";
import { createRequestFormLoaders } from "../request-form/request-form.loaders.js";
import { createSelfServiceLoaders } from "../self-service/self-service.loaders.js";
import { createStaffLoaders } from "../staff/staff.loaders.js";
import { createTaxonomyLoaders } from "../taxonomy/taxonomy.loaders.js";
import { createTrainingLoaders } from "../training/training.loaders.js";

/**
 * Every feature's DataLoaders for one tenant; created per request so nothing is cached across actors. The registry
 * lives here, at the composition root beside build-schema.ts, because it lists the features: the request context
 * below them only types against `Loaders` (context/loaders.ts) and is handed this factory by the server. The return
 * type makes the compiler hold the list against the loaders the features declare: one left out does not compile.
 */
export function createLoaders(scope: TenantScope): Loaders {
  return {
    ...createNetworkLoaders(scope),
    ...createMemberLoaders(scope),
    ...createFeeScheduleLoaders(scope),
    ...createIntakeRulesLoaders(scope),
    ...createIntakeLoaders(scope),
    ...createRequestFormLoaders(scope),
    ...createOrganisationLoaders(scope),
    ...createTaxonomyLoaders(scope),
    ...createStaffLoaders(scope),
    ...createSelfServiceLoaders(scope),
    ...createTrainingLoaders(scope),
    ...createInvitationLoaders(scope),
    ...createAssignmentLoaders(scope),
    ...createRequestLoaders(scope),
  };
}
