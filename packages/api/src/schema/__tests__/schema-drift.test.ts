import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../config.js";
import { printApiSchema } from "../build-schema.js";

describe("schema/schema.graphql", () => {
  it("is the SDL the code builds (run `pnpm schema:print` after changing the API)", async () => {
    const checkedIn = readFileSync(join(projectRoot(), "schema", "schema.graphql"), "utf8");
    expect(await printApiSchema()).toBe(checkedIn);
  });
});
