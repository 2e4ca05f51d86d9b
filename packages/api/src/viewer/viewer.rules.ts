import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";

export const viewerPermissions: PermissionMap = {
  // `me` answers null for an anonymous caller rather than an error, so a front end can ask before signing in.
  Query: { me: allow },
  Viewer: allow,
  RoleGrant: allow,
};
