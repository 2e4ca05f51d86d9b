import { and, rule } from "graphql-shield";
import { unauthenticated } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isPlatformOperator } from "../permissions/rules.js";

/** Signed in at all: an anonymous caller is told to authenticate (UNAUTHENTICATED) rather than that it may not. */
const signedIn = rule("signedIn", { cache: "contextual" })((_parent, _args, ctx: RequestContext) =>
  ctx.actor.kind === "ANONYMOUS" ? unauthenticated(ctx.locale) : true,
);

const platformOperatorOnly = and(signedIn, isPlatformOperator);

// Aggregates only: groups are labels, the figures are StatisticsMeasures (whose rule admits platform operators too).
export const platformStatisticsPermissions: PermissionMap = {
  Query: { platformStatistics: platformOperatorOnly },
  PlatformStatisticsTable: platformOperatorOnly,
  PlatformStatisticsRow: platformOperatorOnly,
  PlatformStatisticsGroup: platformOperatorOnly,
};
