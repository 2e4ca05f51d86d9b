import { describe, expect, it } from "vitest";
import { checkStaffIdentifier, normaliseStaffIdentifier } from "./staff-invitation.js";

describe("staff invitation identifiers", () => {
  it("compare an HSA-id or e-mail trimmed and case-insensitively", () => {
    expect(normaliseStaffIdentifier(" SE2321000065-1001 ")).toBe("se2321000065-1001");
    expect(normaliseStaffIdentifier("Karin@Example.SE")).toBe("karin@example.se");
  });

  it("are never a non-string, empty or spaced claim value", () => {
    expect(normaliseStaffIdentifier(42)).toBeNull();
    expect(normaliseStaffIdentifier(["a"])).toBeNull();
    expect(normaliseStaffIdentifier("  ")).toBeNull();
    expect(normaliseStaffIdentifier("a b")).toBeNull();
  });

  it("refuse a missing, spaced or too long identifier with a field error", () => {
    const code = (value: unknown) => {
      const result = checkStaffIdentifier(value);
      return "errors" in result ? result.errors.map((error) => error.code) : result.identifier;
    };
    expect(code("")).toEqual(["REQUIRED"]);
    expect(code("a b")).toEqual(["INVALID_FORMAT"]);
    expect(code("x".repeat(255))).toEqual(["TOO_LONG"]);
    expect(code("SE2321000065-1001")).toBe("se2321000065-1001");
  });
});
