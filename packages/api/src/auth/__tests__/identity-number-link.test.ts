import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import type { Tx } from "../../context/tenant-scope.js";
import { linkLoginByIdentityNumber, verifiedPersonalIdentityNumber } from "../identity-number-link.js";

// Issue 15: which claims count as a verified personal identity number, and the defensive refusal when a number would
// name two members (the unique blind index makes that impossible in the database; the code still never guesses).

const VALID = "198503129820";

describe("a verified personal identity number", () => {
  it("is only a CITIZEN or ALL provider's configured identifier claim, and only when it is a valid number", () => {
    const claims = { personal_identity_number: "19850312-9820", hsa_id: VALID };
    expect(verifiedPersonalIdentityNumber({ kind: "CITIZEN", identifierClaim: "personal_identity_number" }, claims)).toBe(VALID);
    expect(verifiedPersonalIdentityNumber({ kind: "ALL", identifierClaim: "personal_identity_number" }, claims)).toBe(VALID);
    expect(verifiedPersonalIdentityNumber({ kind: "STAFF", identifierClaim: "personal_identity_number" }, claims)).toBeNull();
    expect(verifiedPersonalIdentityNumber({ kind: "CITIZEN", identifierClaim: null }, claims)).toBeNull();
    expect(verifiedPersonalIdentityNumber({ kind: "CITIZEN", identifierClaim: "email" }, claims)).toBeNull();
    expect(
      verifiedPersonalIdentityNumber(
        { kind: "CITIZEN", identifierClaim: "personal_identity_number" },
        { personal_identity_number: "198503129821" },
      ),
    ).toBeNull();
    expect(
      verifiedPersonalIdentityNumber(
        { kind: "CITIZEN", identifierClaim: "personal_identity_number" },
        { personal_identity_number: 198503129820 },
      ),
    ).toBeNull();
  });
});

describe("linking by a number two members hold", () => {
  it("is refused with a typed CONFLICT in Swedish and English, and nothing is written", async () => {
    const writes: string[] = [];
    const tx = {
      member: { findMany: async () => [{ id: "member-a" }, { id: "member-b" }] },
      login: { create: async () => writes.push("login") },
      $executeRaw: async () => writes.push("lock"),
    } as unknown as Tx;
    const refused = await linkLoginByIdentityNumber(tx, "tenant", "provider", "subject", VALID).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLError);
    const error = refused as GraphQLError;
    expect(error.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "IDENTITY_NUMBER_AMBIGUOUS",
      messages: { sv: expect.any(String), en: expect.any(String) },
    });
    expect(JSON.stringify(error)).not.toContain(VALID.slice(8));
    expect(writes).toEqual([]);
  });

  it("does nothing when no member holds it", async () => {
    const tx = { member: { findMany: async () => [] } } as unknown as Tx;
    expect(await linkLoginByIdentityNumber(tx, "tenant", "provider", "subject", VALID)).toBeNull();
  });
});
