import { type IRule, or, rule } from "graphql-shield";
import { hasRole } from "../auth/actor.js";
import type { RequestContext } from "../context/request-context.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isCoordinator, isMember } from "../permissions/rules.js";
import { canSeeClaim } from "./fee-claim.access.js";
import type { FeeClaim } from "./fee-claim.type.js";

/** Staff who take part in fee claims: coordinators (their networks) and requesters (their own unit's claims). */
const handlesFeeClaims: IRule = rule("handlesFeeClaims", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) => hasRole(ctx.actor, "COORDINATOR") || hasRole(ctx.actor, "REQUESTER"),
);

/**
 * Field-level guard on a claim's figures: fees are personal data. The participant, coordinators of the network and
 * requesters of the claim's unit; the services filter the same way, this holds on every path.
 */
const canSeeFeeClaim: IRule = rule("canSeeFeeClaim", { cache: "strict" })((claim: FeeClaim, _args, ctx: RequestContext) =>
  canSeeClaim(ctx, claim),
);

const memberOrHandler = or(isMember, handlesFeeClaims);

export const feeClaimPermissions: PermissionMap = {
  Query: { myFeeClaims: isMember, feeClaims: handlesFeeClaims, feeClaim: memberOrHandler },
  Mutation: {
    prepareFeeClaims: handlesFeeClaims,
    updateFeeClaim: memberOrHandler,
    submitFeeClaim: isMember,
    recordPaperSignedFeeClaim: isCoordinator,
    attestFeeClaim: handlesFeeClaims,
    rejectFeeClaim: handlesFeeClaims,
    correctFeeClaim: handlesFeeClaims,
  },
  FeeClaim: canSeeFeeClaim,
  // Reached only through a claim, which is guarded itself.
  FeeClaimExpense: memberOrHandler,
  FeeClaimConnection: memberOrHandler,
  PrepareFeeClaimsPayload: handlesFeeClaims,
  UpdateFeeClaimPayload: memberOrHandler,
  FeeClaimStepPayload: memberOrHandler,
  CorrectFeeClaimPayload: handlesFeeClaims,
  // Typed outcomes carry nothing but their message (and the status or assignment the caller named).
  FeeClaimStatusDoesNotAllow: isAuthenticated,
  NotTheAttester: isAuthenticated,
  FeeClaimNotComputable: isAuthenticated,
};
