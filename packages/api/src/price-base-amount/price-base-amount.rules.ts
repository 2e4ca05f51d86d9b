import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isPlatformOperator } from "../permissions/rules.js";

export const priceBaseAmountPermissions: PermissionMap = {
  Query: { priceBaseAmounts: isAuthenticated },
  Mutation: { addPriceBaseAmount: isPlatformOperator },
  // Public reference data (set by the government); reached by anyone signed in, also inside a fee preview.
  PriceBaseAmount: isAuthenticated,
  AddPriceBaseAmountPayload: isPlatformOperator,
  YearExists: isPlatformOperator,
};
