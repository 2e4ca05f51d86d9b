import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";

export const vocabularyPermissions: PermissionMap = {
  // Words for codes: the same for everyone, nothing about any person or tenant.
  Query: { vocabulary: allow },
  VocabularyEntry: allow,
};
