import { createFeeScheduleLoaders } from "../fee-schedule/fee-schedule.loaders.js";
import { createIntakeRulesLoaders } from "../intake-rules/intake-rules.loaders.js";
import { createMemberLoaders } from "../member/member.loaders.js";
import { createNetworkLoaders } from "../network/network.loaders.js";
import { createOrganisationLoaders } from "../organisation/organisation.loaders.js";
import { createRequestFormLoaders } from "../request-form/request-form.loaders.js";
import { createStaffLoaders } from "../staff/staff.loaders.js";
import { createTaxonomyLoaders } from "../taxonomy/taxonomy.loaders.js";
import type { TenantScope } from "./tenant-scope.js";

/** Every feature's DataLoaders for one tenant; created per request so nothing is cached across actors. */
export function createLoaders(scope: TenantScope) {
  return {
    ...createNetworkLoaders(scope),
    ...createMemberLoaders(scope),
    ...createFeeScheduleLoaders(scope),
    ...createIntakeRulesLoaders(scope),
    ...createRequestFormLoaders(scope),
    ...createOrganisationLoaders(scope),
    ...createTaxonomyLoaders(scope),
    ...createStaffLoaders(scope),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
