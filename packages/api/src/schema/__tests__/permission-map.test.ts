import { getNamedType, isObjectType } from "graphql";
import { allow, deny } from "graphql-shield";
import { beforeAll, describe, expect, it } from "vitest";
import { describePermissions } from "../../permissions/permission.js";
import { buildBareSchema } from "../build-schema.js";
import { permissionMapOf } from "../permissions.js";

// "A diff here changes who can reach an endpoint": the permission of every root field, as a reviewed snapshot.

type AnyRule = { name?: string; rules?: AnyRule[]; constructor: { name: string } };

/** A type's rule, or — for a type with a rule per field — each field's rule, so field-level changes show in the diff. */
function describeTypeRules(rules: unknown): unknown {
  const isFieldMap = typeof rules === "object" && rules !== null && Object.getPrototypeOf(rules) === Object.prototype;
  if (!isFieldMap) return describeRule(rules);
  return Object.fromEntries(
    Object.entries(rules as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([field, rule]) => [field, describeRule(rule)]),
  );
}

function describeRule(rule: unknown): string {
  if (rule === allow) return "allow";
  if (rule === deny) return "deny";
  const value = rule as AnyRule;
  if (value.rules) {
    const kind = value.constructor.name.replace(/^Rule/, "").toLowerCase();
    return `${kind}(${value.rules.map(describeRule).join(", ")})`;
  }
  return value.name ?? "unnamed";
}

describe("permission map", () => {
  // Read after the schema is built: the connections' edge types exist only once their modules are loaded.
  let permissionMap: ReturnType<typeof permissionMapOf>;
  beforeAll(async () => {
    await buildBareSchema();
    permissionMap = permissionMapOf();
  });

  it("declares a rule for every root field, and none for fields that do not exist", async () => {
    const schema = await buildBareSchema();
    for (const root of ["Query", "Mutation", "Subscription"] as const) {
      const type = schema.getType(root);
      const fields = isObjectType(type) ? Object.keys(type.getFields()) : [];
      const declared = Object.keys((permissionMap[root] as Record<string, unknown>) ?? {});
      expect(declared.sort(), `${root} fields without an explicit permission, or permissions for missing fields`).toEqual(fields.sort());
    }
  });

  it("covers every object type reachable from the schema (otherwise the fallback denies it silently)", async () => {
    const schema = await buildBareSchema();
    const missing = Object.values(schema.getTypeMap())
      .filter(
        (type) =>
          isObjectType(type) &&
          !type.name.startsWith("__") &&
          type.name !== "Query" &&
          type.name !== "Mutation" &&
          type.name !== "Subscription",
      )
      .map((type) => getNamedType(type).name)
      .filter((name) => !(name in permissionMap));
    expect(missing).toEqual([]);
  });

  it("matches the reviewed snapshot", async () => {
    const summary = Object.fromEntries(
      Object.entries(permissionMap)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, rules]) => [type, describeTypeRules(rules)]),
    );
    await expect(JSON.stringify(summary, null, 2)).toMatchFileSnapshot("./permission-map.snapshot.json");
  });

  it("matches the reviewed snapshot of the permission vocabulary: which grants give each `can(…)` above", async () => {
    await expect(JSON.stringify(describePermissions(), null, 2)).toMatchFileSnapshot("./permission-vocabulary.snapshot.json");
  });

  it("denies the anonymous caller everything that is not declared public", () => {
    const publicFields = Object.entries(permissionMap.Query as Record<string, unknown>)
      .concat(Object.entries(permissionMap.Mutation as Record<string, unknown>))
      .concat(Object.entries(permissionMap.Subscription as Record<string, unknown>))
      .filter(([, rule]) => rule === allow)
      .map(([field]) => field)
      .sort();
    expect(publicFields).toEqual(["me", "platformSignIn", "registerMember", "tenant", "vocabulary"]);
  });
});
