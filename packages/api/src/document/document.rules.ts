import { or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isMember, isTenantStaff } from "../permissions/rules.js";

/** Members and staff ask for links; the service checks the document's own permission (the same as its GraphQL field). */
const readsDocuments = or(isMember, isTenantStaff);

export const documentPermissions: PermissionMap = {
  Mutation: { createDownloadLink: readsDocuments },
  CreateDownloadLinkPayload: readsDocuments,
  DownloadLink: readsDocuments,
};
