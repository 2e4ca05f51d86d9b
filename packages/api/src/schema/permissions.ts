import { allow, deny, shield } from "graphql-shield";
import { assignmentPermissions } from "../assignment/assignment.rules.js";
import { auditPermissions } from "../audit/audit.rules.js";
import { forbidden, unauthenticated } from "../common/errors/api-error.js";
import { connectionEdgeTypeNames } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { documentPermissions } from "../document/document.rules.js";
import { feeClaimPermissions } from "../fee-claim/fee-claim.rules.js";
import { feeSchedulePermissions } from "../fee-schedule/fee-schedule.rules.js";
import { identityProviderPermissions } from "../identity/identity-provider.rules.js";
import { intakePermissions } from "../intake/intake.rules.js";
import { intakeRulesPermissions } from "../intake-rules/intake-rules.rules.js";
import { invitationPermissions } from "../invitation/invitation.rules.js";
import { livePermissions } from "../live/live.rules.js";
import { loginPermissions } from "../login/login.rules.js";
import { matchingPermissions } from "../matching/matching.rules.js";
import { memberPermissions } from "../member/member.rules.js";
import { networkPermissions } from "../network/network.rules.js";
import { nodePermissions } from "../node/node.rules.js";
import { notificationPermissions } from "../notification/notification.rules.js";
import { organisationPermissions } from "../organisation/organisation.rules.js";
import { payrollPermissions } from "../payroll/payroll.rules.js";
import { payrollDetailsPermissions } from "../payroll-details/payroll-details.rules.js";
import { commonPermissions } from "../permissions/common.rules.js";
import { mergePermissionMaps } from "../permissions/permission-map.js";
import { priceBaseAmountPermissions } from "../price-base-amount/price-base-amount.rules.js";
import { privacyPermissions } from "../privacy/privacy.rules.js";
import { registrationPermissions } from "../registration/registration.rules.js";
import { registrationFormPermissions } from "../registration-form/registration-form.rules.js";
import { representationPermissions } from "../representation/representation.rules.js";
import { requestPermissions } from "../request/request.rules.js";
import { requestFormPermissions } from "../request-form/request-form.rules.js";
import { selfServicePermissions } from "../self-service/self-service.rules.js";
import { staffPermissions } from "../staff/staff.rules.js";
import { platformStatisticsPermissions } from "../statistics/platform-statistics.rules.js";
import { statisticsPermissions } from "../statistics/statistics.rules.js";
import { taxonomyPermissions } from "../taxonomy/taxonomy.rules.js";
import { tenantPermissions } from "../tenant/tenant.rules.js";
import { trainingPermissions } from "../training/training.rules.js";
import { viewerPermissions } from "../viewer/viewer.rules.js";
import { vocabularyPermissions } from "../vocabulary/vocabulary.rules.js";

/**
 * Every feature's permission map in one place. Anything not listed is denied. The registry lives at the composition
 * root beside build-schema.ts because it lists the features; permissions/ below them keeps what the features build
 * their maps from (the PermissionMap type and its merge, the shared rules), so it imports none of them.
 */
const featurePermissionMap = mergePermissionMaps([
  notificationPermissions,
  commonPermissions,
  tenantPermissions,
  networkPermissions,
  memberPermissions,
  viewerPermissions,
  registrationPermissions,
  registrationFormPermissions,
  feeSchedulePermissions,
  priceBaseAmountPermissions,
  intakeRulesPermissions,
  intakePermissions,
  requestFormPermissions,
  organisationPermissions,
  representationPermissions,
  taxonomyPermissions,
  staffPermissions,
  selfServicePermissions,
  trainingPermissions,
  matchingPermissions,
  privacyPermissions,
  auditPermissions,
  statisticsPermissions,
  platformStatisticsPermissions,
  requestPermissions,
  invitationPermissions,
  assignmentPermissions,
  feeClaimPermissions,
  payrollPermissions,
  payrollDetailsPermissions,
  documentPermissions,
  identityProviderPermissions,
  loginPermissions,
  vocabularyPermissions,
  nodePermissions,
  livePermissions,
]);

/**
 * Every connection's edge type (`XEdge { cursor node }`) is allowed: it is reached only through its connection's rule,
 * and the node keeps its own type's rule. The edge types exist once the type modules have made their connections,
 * so the full map is assembled when it is first read (after the schema's modules are loaded).
 */
function edgePermissions(): Record<string, unknown> {
  return Object.fromEntries(connectionEdgeTypeNames.map((name) => [name, allow]));
}

let assembled: Record<string, unknown> | null = null;

export function permissionMapOf(): Record<string, unknown> {
  assembled ??= { ...featurePermissionMap, ...edgePermissions() };
  return assembled;
}

/** The shield over the full map; built by build-schema.ts after every type exists. */
export const createPermissions = () =>
  shield(permissionMapOf() as never, {
    fallbackRule: deny,
    // Errors a resolver throws on purpose (validation, conflict) pass through; the API boundary masks the rest.
    allowExternalErrors: true,
    // Nobody signed in: UNAUTHENTICATED (sign in and try again), not FORBIDDEN (which no sign-in would change).
    fallbackError: (_thrown, _parent, _args, ctx) => {
      const context = ctx as unknown as RequestContext | undefined;
      if (context?.actor.kind === "ANONYMOUS") return unauthenticated(context.locale, "LOGIN_REQUIRED");
      return forbidden(context?.locale);
    },
  });
