import type { IRules } from "graphql-shield";

/** One feature's part of the permission map: rules per root field and per type (or per field of a type). */
export type PermissionMap = {
  Query?: Record<string, NonNullable<IRules>>;
  Mutation?: Record<string, NonNullable<IRules>>;
  Subscription?: Record<string, NonNullable<IRules>>;
} & Record<string, unknown>;

/** Merges the features' maps; a root field or type declared twice is a programming error, not a silent override. */
export function mergePermissionMaps(maps: PermissionMap[]): Record<string, unknown> {
  const merged: Record<string, Record<string, unknown> | unknown> = { Query: {}, Mutation: {}, Subscription: {} };
  for (const map of maps) {
    for (const [typeName, rules] of Object.entries(map)) {
      if (typeName === "Query" || typeName === "Mutation" || typeName === "Subscription") {
        const target = merged[typeName] as Record<string, unknown>;
        for (const [field, rule] of Object.entries(rules as Record<string, unknown>)) {
          if (field in target) throw new Error(`Permission for ${typeName}.${field} is declared twice`);
          target[field] = rule;
        }
      } else {
        if (typeName in merged) throw new Error(`Permission for type ${typeName} is declared twice`);
        merged[typeName] = rules;
      }
    }
  }
  return merged;
}
