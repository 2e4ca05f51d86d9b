import type { Database } from "@medverkan/database";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { IdentityProviderRow, TenantIdentity } from "../actor.repository.js";
import { AUTH_CHANNEL, AuthCache } from "../auth-cache.js";

// The cache's own rules (auth-cache.ts); tests/scale-out/auth-cache.test.ts shows them across two instances.

const TENANT = "0190a000-0000-7000-8000-000000000001";
const OTHER = "0190a000-0000-7000-8000-000000000002";
const PROVIDER = "0190a000-0000-7000-8000-0000000000aa";

const provider = (tenantId: string): IdentityProviderRow => ({
  id: PROVIDER,
  tenantId,
  kind: "STAFF",
  issuer: "https://idp.example",
  audience: "medverkan",
  jwksUrl: null,
  publicKeys: null,
  identifierClaim: null,
});
const staff: TenantIdentity = {
  staff: { id: "s1", name: "Lena", unitId: null, grants: [{ role: "COORDINATOR", networkId: "n1", unitId: null }] },
  memberId: null,
};

/** A cache on a fake database whose LISTEN the test drives. */
async function started() {
  const calls: { onPayload?: (payload: string) => void; onReconnect?: () => void; onLost?: () => void; channel?: string } = {};
  const database = {
    async listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void, onLost?: () => void) {
      Object.assign(calls, { channel, onPayload, onReconnect, onLost });
      return async () => undefined;
    },
  } as unknown as Database;
  const cache = await AuthCache.start(database, pino({ level: "silent" }));
  return { cache, calls };
}

describe("the authentication cache", () => {
  it("keeps found answers, keyed by issuer and the set of audiences, and by tenant, provider and subject", async () => {
    const { cache, calls } = await started();
    expect(calls.channel).toBe(AUTH_CHANNEL);
    cache.keepProvider("https://idp.example", ["b", "a"], provider(TENANT), cache.current);
    expect(cache.provider("https://idp.example", ["a", "b"])?.tenantId).toBe(TENANT);
    expect(cache.provider("https://idp.example", ["a"])).toBeUndefined();

    cache.keepIdentity(TENANT, PROVIDER, "subject-1", staff, cache.current);
    cache.keepIdentity(TENANT, PROVIDER, "nobody", { staff: null, memberId: null }, cache.current);
    expect(cache.identity(TENANT, PROVIDER, "subject-1")).toEqual(staff);
    expect(cache.size.identities).toBe(1);
  });

  it("hands out copies: changing an actor's grants does not change the next request's", async () => {
    const { cache } = await started();
    cache.keepIdentity(TENANT, PROVIDER, "subject-1", staff, cache.current);
    cache.identity(TENANT, PROVIDER, "subject-1")?.staff?.grants.push({ role: "TENANT_ADMIN", networkId: null, unitId: null });
    expect(cache.identity(TENANT, PROVIDER, "subject-1")?.staff?.grants).toHaveLength(1);
  });

  it("drops a tenant's identities on its announcement, every provider on a provider's or tenant's, everything on nonsense", async () => {
    const { cache, calls } = await started();
    cache.keepProvider("https://idp.example", ["a"], provider(OTHER), cache.current);
    cache.keepIdentity(TENANT, PROVIDER, "subject-1", staff, cache.current);
    cache.keepIdentity(OTHER, PROVIDER, "subject-2", staff, cache.current);

    calls.onPayload?.(`RoleGrant:${TENANT}`);
    expect(cache.identity(TENANT, PROVIDER, "subject-1")).toBeUndefined();
    expect(cache.identity(OTHER, PROVIDER, "subject-2")).toBeDefined();
    expect(cache.provider("https://idp.example", ["a"])).toBeDefined();

    // A provider added in one tenant may win another tenant's cached lookup: all providers go.
    calls.onPayload?.(`IdentityProvider:${TENANT}`);
    expect(cache.provider("https://idp.example", ["a"])).toBeUndefined();
    expect(cache.identity(OTHER, PROVIDER, "subject-2")).toBeDefined();

    calls.onPayload?.("not an announcement");
    expect(cache.size).toEqual({ providers: 0, identities: 0 });
  });

  it("does not keep an answer read while a change was announced", async () => {
    const { cache, calls } = await started();
    const readFrom = cache.current;
    calls.onPayload?.(`RoleGrant:${OTHER}`);
    cache.keepIdentity(TENANT, PROVIDER, "subject-1", staff, readFrom);
    cache.keepProvider("https://idp.example", ["a"], provider(TENANT), readFrom);
    expect(cache.size).toEqual({ providers: 0, identities: 0 });
  });

  it("is emptied and bypassed while the LISTEN connection is down, and emptied again when it is back", async () => {
    const { cache, calls } = await started();
    cache.keepIdentity(TENANT, PROVIDER, "subject-1", staff, cache.current);
    calls.onLost?.();
    expect(cache.identity(TENANT, PROVIDER, "subject-1")).toBeUndefined();
    cache.keepIdentity(TENANT, PROVIDER, "subject-1", staff, cache.current);
    expect(cache.size.identities).toBe(0);

    calls.onReconnect?.();
    cache.keepIdentity(TENANT, PROVIDER, "subject-1", staff, cache.current);
    expect(cache.identity(TENANT, PROVIDER, "subject-1")).toEqual(staff);
  });

  it("answers nothing once stopped", async () => {
    const { cache } = await started();
    cache.keepIdentity(TENANT, PROVIDER, "subject-1", staff, cache.current);
    await cache.stop();
    expect(cache.identity(TENANT, PROVIDER, "subject-1")).toBeUndefined();
  });
});
