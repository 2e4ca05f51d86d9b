import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { FEE_FAILURE_CODES, FIELD_ERROR_CODES, REQUEST_RULE_CODES } from "@medverkan/domain";
import { type GraphQLField, type GraphQLSchema, isEnumType, isInterfaceType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../common/errors/error-code.js";
import { IntakeAppointmentRefusal } from "../../intake/appointment.type.js";
import { buildBareSchema } from "../build-schema.js";

// Issue 20: a payload error's `code` is the closed enum ErrorCode, so a client can switch on it exhaustively. The
// compiler holds every code the API makes to the enum (errorResult takes an ErrorCode); this holds the schema to it,
// and the enum to what the code makes.

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildBareSchema();
});

const typeOfCode = (field: GraphQLField<unknown, unknown> | undefined) => field?.type.toString();

describe("payload error codes (ErrorCode)", () => {
  it("type ErrorResult.code and the code of every implementation as ErrorCode!", () => {
    const errorResult = schema.getType("ErrorResult");
    if (!isInterfaceType(errorResult)) throw new Error("ErrorResult is not an interface");
    expect(typeOfCode(errorResult.getFields().code)).toBe("ErrorCode!");
    const implementations = schema.getImplementations(errorResult).objects;
    expect(implementations.length).toBeGreaterThan(60);
    const notTheEnum = implementations
      .map((type) => `${type.name}.code: ${typeOfCode(type.getFields().code)}`)
      .filter((entry) => !entry.endsWith(": ErrorCode!"));
    expect(notTheEnum).toEqual([]);
  });

  it("have every value of the TypeScript list in the GraphQL enum, and nothing else", () => {
    const errorCode = schema.getType("ErrorCode");
    if (!isEnumType(errorCode)) throw new Error("ErrorCode is not an enum");
    expect(
      errorCode
        .getValues()
        .map((value) => value.name)
        .sort(),
    ).toEqual([...ERROR_CODES].sort());
    // Each value serializes as its own name, the string clients compared before the enum.
    for (const value of errorCode.getValues()) expect(value.value).toBe(value.name);
  });

  it("hold no code the API never makes", () => {
    // A code is made where it is written as a literal in the API's source, or it is a domain outcome passed through
    // unchanged as the code (request rules, fee failures, field errors of intake input, intake appointment refusals).
    const passedThrough = new Set<string>([
      ...REQUEST_RULE_CODES,
      ...FEE_FAILURE_CODES,
      ...FIELD_ERROR_CODES,
      ...Object.values(IntakeAppointmentRefusal),
    ]);
    const source = join(import.meta.dirname, "..", "..");
    const literals = new Set<string>();
    for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      const file = relative(source, path);
      if (!entry.isFile() || !file.endsWith(".ts") || file.includes("__tests__") || file === join("common", "errors", "error-code.ts"))
        continue;
      for (const match of readFileSync(path, "utf8").matchAll(/"([A-Z][A-Z0-9_]*)"/g)) literals.add(match[1] as string);
    }
    expect(ERROR_CODES.filter((code) => !literals.has(code) && !passedThrough.has(code))).toEqual([]);
    // And every outcome passed through is a code (the compiler says so too, where it becomes one).
    expect([...passedThrough].filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});
