import { allow } from "graphql-shield";
import type { PermissionMap } from "./permission-map.js";

/** Types shared by every feature that carry no data of their own. */
export const commonPermissions: PermissionMap = {
  PageInfo: allow,
  // The typed "no such object" answer of every mutation; it carries nothing but its message.
  NotFound: allow,
};
