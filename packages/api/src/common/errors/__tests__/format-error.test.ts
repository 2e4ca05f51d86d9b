import { GraphQLError } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { badUserInput, forbidden } from "../api-error.js";
import { createErrorFormatter, isDatabaseUnavailable } from "../format-error.js";

// SECURITY.md: internal errors are masked — no SQL, stack or secret in any response — and every code a client sees
// comes from the closed list.

const logged: unknown[] = [];
const log = pino({ level: "error" }, { write: (line: string) => logged.push(JSON.parse(line)) });
const format = createErrorFormatter(log);

function asResolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { originalError: original, path: ["members"] });
}

describe("the error boundary", () => {
  it("masks an unexpected error and logs it in full", () => {
    const secret = new Error('relation "Member" does not exist: SELECT "email" FROM "Member" WHERE password = \'hunter2\'');
    const error = asResolverError(secret);
    const formatted = format(
      { message: error.message, path: ["members"], extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at db.ts:1"] } },
      error,
    );
    expect(formatted).toEqual({ message: "Internal server error", path: ["members"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(JSON.stringify(formatted)).not.toMatch(/SELECT|hunter2|stack/i);
    expect(JSON.stringify(logged.at(-1))).toContain("hunter2");
  });

  it("masks errors that carry a code outside the closed list", () => {
    const error = new GraphQLError("P2002 Unique constraint failed on the fields: (`emailKey`)", { extensions: { code: "P2002" } });
    expect(format({ message: error.message, extensions: { code: "P2002" } }, error).extensions?.code).toBe("INTERNAL_SERVER_ERROR");
  });

  it("passes the API's own errors through, without stack traces", () => {
    for (const error of [forbidden("sv"), badUserInput([], "en")]) {
      const formatted = format({ message: error.message, extensions: { ...error.extensions, stacktrace: ["x"] } }, error);
      expect(formatted.message).toBe(error.message);
      expect(formatted.extensions?.code).toBe(error.extensions.code);
      expect(formatted.extensions?.stacktrace).toBeUndefined();
    }
  });

  it("turns an unreachable database into a retryable SERVICE_UNAVAILABLE", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const wrapped = new Error("Query failed", { cause: refused });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    const formatted = format({ message: "x", extensions: { code: "INTERNAL_SERVER_ERROR" } }, asResolverError(wrapped));
    expect(formatted.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryable: true });
    expect(JSON.stringify(formatted)).not.toContain("5432");
  });

  it("does not mistake a bug for an outage", () => {
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
  });
});
