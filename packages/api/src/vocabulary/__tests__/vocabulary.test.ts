import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENUM_LABELS } from "@medverkan/domain";
import { buildSchema, isEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../config.js";

// Issue 16: a front end reads the words for every code from the API (`vocabulary`), never hard-codes them. The printed
// schema is what clients see, so it is the list to check against.

const printed = buildSchema(readFileSync(join(projectRoot(), "schema", "schema.graphql"), "utf8"));
const enums = Object.values(printed.getTypeMap()).filter((type) => isEnumType(type) && !type.name.startsWith("__"));

describe("enum labels (@medverkan/domain ENUM_LABELS)", () => {
  it("label every value of every enum in schema/schema.graphql in Swedish and English", () => {
    expect(enums.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const type of enums) {
      if (!isEnumType(type)) continue;
      for (const value of type.getValues()) {
        const label = ENUM_LABELS[type.name]?.[value.name];
        if (!label?.sv.trim() || !label.en.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("label nothing the schema does not have (a renamed value leaves no stale label)", () => {
    const stale: string[] = [];
    for (const [name, labels] of Object.entries(ENUM_LABELS)) {
      const type = printed.getType(name);
      if (!isEnumType(type)) {
        stale.push(name);
        continue;
      }
      const values = new Set(type.getValues().map((value) => value.name));
      for (const value of Object.keys(labels)) if (!values.has(value)) stale.push(`${name}.${value}`);
    }
    expect(stale).toEqual([]);
  });
});
