import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { sqlStatementCounter } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConfigurationActors, configurationActors, errorCode, ok, staffUserIdOf } from "../support/configuration-admin.js";
import { ME } from "../support/queries.js";
import { type SecondInstance, startSecondInstance } from "../support/second-instance.js";

// Issue 19 item 4: each instance keeps the identity provider by issuer and the actor's grants in memory, emptied by
// the database's announcement of every committed change (auth-cache.ts, migration 20261208140000). A revoked grant or
// a disabled identity provider must still take effect at the very next request on every instance: A is the usual test
// API, B a second instance on the same database (its own process on PostgreSQL; see support/second-instance.ts), and
// every change is made through A while the person's answers were cached on B.

const REVOKE_ROLE = `mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { roleGrant { id revokedAt } errors { __typename } } }`;
const DISABLE_PROVIDER = `mutation($input: DisableIdentityProviderInput!) {
  disableIdentityProvider(input: $input) { identityProvider { id } errors { __typename } } }`;
const MEMBERS = `query { members(first: 1) { totalCount } }`;
const DISABLE_STAFF = `mutation($input: DisableStaffUserInput!) { disableStaffUser(input: $input) { staffUser { id } errors { __typename } } }`;

let a: TestApi;
let second: SecondInstance;
let b: TestApi;
let actors: ConfigurationActors;

beforeAll(async () => {
  a = await startTestApi();
  second = await startSecondInstance(a);
  b = second.api;
  actors = await configurationActors(a);
});

afterAll(async () => {
  await second?.stop();
  await a?.stop();
});

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { sub: string; iss: string; aud: string };
const subjectOf = (token: string): string => claimsOf(token).sub;

async function statementsForMe(api: TestApi, token: string): Promise<number> {
  const before = sqlStatementCounter.count;
  await ok(api, token, ME);
  return sqlStatementCounter.count - before;
}

describe("the authentication cache", () => {
  it("answers a repeated request from memory: `me` costs fewer statements the second time", async () => {
    const first = await statementsForMe(a, actors.analyst);
    const again = await statementsForMe(a, actors.analyst);
    const third = await statementsForMe(a, actors.analyst);
    console.info(`statements for me: first ${first}, then ${again}, ${third}`);
    // The provider lookup and the identity lookup (each a transaction of its own) are no longer read.
    expect(again).toBeLessThan(first);
    expect(third).toBe(again);
    expect(a.running.server.authCache.size.identities).toBeGreaterThan(0);
  });

  it("a grant revoked through one instance is refused at the very next request on the other", async () => {
    const coordinatorId = await staffUserIdOf(a, subjectOf(actors.coordinator));
    const grants = await a.running.database.prisma.roleGrant.findMany({ where: { staffUserId: coordinatorId, revokedAt: null } });
    expect(grants.length).toBeGreaterThan(0);

    // Cached on B: the second request is answered from memory (visible in process on the embedded PGlite).
    expect((await b.graphql(MEMBERS, { token: actors.coordinator })).errors).toBeUndefined();
    expect((await b.graphql(MEMBERS, { token: actors.coordinator })).errors).toBeUndefined();
    if (second.authCacheSize) expect(second.authCacheSize().identities).toBeGreaterThan(0);

    for (const grant of grants) {
      const revoked = await ok<{ revokeRole: { errors: unknown[] } }>(a, actors.admin, REVOKE_ROLE, { input: { grantId: grant.id } });
      expect(revoked.revokeRole.errors).toEqual([]);
    }
    expect(errorCode(await b.graphql(MEMBERS, { token: actors.coordinator }))).toBe("FORBIDDEN");
    expect(errorCode(await a.graphql(MEMBERS, { token: actors.coordinator }))).toBe("FORBIDDEN");
  });

  it("a staff user disabled through one instance is no longer staff at the very next request on the other", async () => {
    const analyst = await a.running.database.prisma.staffUser.findFirstOrThrow({
      where: { id: await staffUserIdOf(a, subjectOf(actors.analyst)) },
    });
    const kindOnB = async () => (await ok<{ me: { kind: string } }>(b, actors.analyst, ME)).me.kind;
    expect(await kindOnB()).toBe("STAFF");
    expect(await kindOnB()).toBe("STAFF");

    const disabled = await ok<{ disableStaffUser: { errors: unknown[] } }>(a, actors.admin, DISABLE_STAFF, {
      input: { id: analyst.id, expectedVersion: analyst.version },
    });
    expect(disabled.disableStaffUser.errors).toEqual([]);
    expect(await kindOnB()).not.toBe("STAFF");
  });

  it("an identity provider disabled through one instance refuses its tokens at the very next request on the other", async () => {
    const provider = await a.running.database.prisma.identityProvider.findFirst({
      // The one the requester's tokens are verified by (Kalmar may also trust the development provider at /idp).
      where: { tenant: { slug: "kalmar" }, issuer: claimsOf(actors.requester).iss, audience: claimsOf(actors.requester).aud },
    });
    if (!provider) throw new Error("The seed lacks Kalmar's identity provider");

    expect((await b.graphql(ME, { token: actors.requester })).errors).toBeUndefined();
    expect((await b.graphql(ME, { token: actors.requester })).errors).toBeUndefined();
    if (second.authCacheSize) expect(second.authCacheSize().providers).toBeGreaterThan(0);

    const disabled = await ok<{ disableIdentityProvider: { errors: unknown[] } }>(a, actors.admin, DISABLE_PROVIDER, {
      input: { id: provider.id, expectedVersion: provider.version },
    });
    expect(disabled.disableIdentityProvider.errors).toEqual([]);
    const refused = await b.graphql(ME, { token: actors.requester });
    expect(refused.status).toBe(401);
    expect((await a.graphql(ME, { token: actors.requester })).status).toBe(401);
  });
});
