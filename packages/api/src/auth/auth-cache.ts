import type { Database } from "@medverkan/database";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { IdentityProviderRow, TenantIdentity } from "./actor.repository.js";

/** The NOTIFY channel the triggers of migration 20261208140000 announce changes to authentication's reads on. */
export const AUTH_CHANNEL = "medverkan_auth";

/** Tables whose changes can change which identity provider (and tenant) an issuer and audience lead to. */
const PROVIDER_TABLES = new Set(["IdentityProvider", "Tenant"]);
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuthCacheOptions {
  /** Safety net only: an entry is read again after this long even when no change was announced. */
  ttlMs?: number;
  maxProviders?: number;
  maxIdentities?: number;
}

export const DEFAULT_AUTH_CACHE: Required<AuthCacheOptions> = { ttlMs: 60_000, maxProviders: 1_000, maxIdentities: 10_000 };

/** A token of the cache's state before a read: the read's answer is kept only if nothing was invalidated meanwhile. */
export type AuthCacheGeneration = number;

/**
 * This instance's memory of authentication's two database reads: the identity provider by issuer and audiences
 * (before any tenant is known), and who a login signs in as — the active staff user with their live grants, or the
 * member. Bounded (LRU) with a short TTL as a safety net; only found answers are kept (an unknown issuer or login is
 * read every time, so a provider added or a login linked needs no announcement to be seen).
 *
 * Why a revoked grant (a disabled provider, staff user, erased member, unlinked login, retired tenant) still takes
 * effect at once, on every instance:
 * - Every change is announced by a trigger (not by the code paths that write), as `<table>:<tenant id>` on
 *   `medverkan_auth`, in the writing transaction: delivered at commit, never for a rolled-back write. Each instance
 *   LISTENs and drops the tenant's entries (and every provider entry when a provider or tenant changed: a provider of
 *   another tenant may now win the lookup). A payload it cannot read clears everything.
 * - A read racing a change cannot put a stale answer back: the generation is taken before the read, and the answer
 *   is kept only if no announcement arrived meanwhile. A change committed after the read's snapshot is announced
 *   after it, so either it arrived before the answer was stored (not stored) or it drops the stored answer.
 * - Announcements sent while the LISTEN connection is down are lost: as soon as it ends the cache is emptied and
 *   neither answers nor stores anything (every request reads the database) until it is listening again, and it is
 *   emptied once more then.
 * - The one window left is the announcement's own delivery on PostgreSQL: the change's commit signals the listening
 *   sessions at once, but a request reaching another instance within that instant (less than the revoking request's
 *   own response takes to reach its client) may still be answered from memory. On the embedded PGlite the
 *   announcement is delivered before the writing statement returns.
 */
export class AuthCache {
  private readonly providers: LRUCache<string, IdentityProviderRow>;
  private readonly identities: LRUCache<string, TenantIdentity>;
  private generation = 0;
  /** False while the LISTEN connection is down (or before it is open, or after stop). */
  private listening = false;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly log: Logger,
    options: AuthCacheOptions = {},
  ) {
    const { ttlMs, maxProviders, maxIdentities } = { ...DEFAULT_AUTH_CACHE, ...options };
    this.providers = new LRUCache({ max: maxProviders, ttl: ttlMs });
    this.identities = new LRUCache({ max: maxIdentities, ttl: ttlMs });
  }

  /** A cache listening for changes on the database; it answers nothing until the LISTEN is in place. */
  static async start(database: Database, log: Logger, options?: AuthCacheOptions): Promise<AuthCache> {
    const cache = new AuthCache(log, options);
    cache.unlisten = await database.listen(
      AUTH_CHANNEL,
      (payload) => cache.invalidate(payload),
      () => {
        cache.clear();
        cache.listening = true;
        log.warn("authentication cache: the LISTEN connection was reopened; the cache was emptied");
      },
      () => {
        cache.listening = false;
        cache.clear();
        log.warn("authentication cache: the LISTEN connection was lost; the cache is bypassed until it is reopened");
      },
    );
    cache.listening = true;
    return cache;
  }

  /** Taken before a read whose answer is to be kept (see `keepProvider`, `keepIdentity`). */
  get current(): AuthCacheGeneration {
    return this.generation;
  }

  provider(issuer: string, audiences: string[]): IdentityProviderRow | undefined {
    return this.listening ? this.providers.get(providerKey(issuer, audiences)) : undefined;
  }

  keepProvider(issuer: string, audiences: string[], row: IdentityProviderRow, readFrom: AuthCacheGeneration): void {
    if (this.listening && readFrom === this.generation) this.providers.set(providerKey(issuer, audiences), row);
  }

  identity(tenantId: string, identityProviderId: string, subject: string): TenantIdentity | undefined {
    const found = this.listening ? this.identities.get(identityKey(tenantId, identityProviderId, subject)) : undefined;
    // A copy: the actor built from it must not be able to change what the next request gets.
    return (
      found && { memberId: found.memberId, staff: found.staff && { ...found.staff, grants: found.staff.grants.map((g) => ({ ...g })) } }
    );
  }

  keepIdentity(
    tenantId: string,
    identityProviderId: string,
    subject: string,
    identity: TenantIdentity,
    readFrom: AuthCacheGeneration,
  ): void {
    if (!identity.staff && !identity.memberId) return;
    if (this.listening && readFrom === this.generation) {
      this.identities.set(identityKey(tenantId, identityProviderId, subject), structuredClone(identity));
    }
  }

  /** One announcement (`<table>:<tenant id>`) from the database. */
  invalidate(payload: string): void {
    this.generation += 1;
    const [table, tenantId, ...rest] = payload.split(":");
    if (!table || !tenantId || rest.length > 0 || !ID.test(tenantId)) {
      this.log.warn({ channel: AUTH_CHANNEL }, "authentication cache: an unreadable announcement emptied the cache");
      this.clear();
      return;
    }
    if (PROVIDER_TABLES.has(table)) this.providers.clear();
    const prefix = `${tenantId.toLowerCase()}\u0000`;
    const stale = [...this.identities.keys()].filter((key) => key.startsWith(prefix));
    for (const key of stale) this.identities.delete(key);
  }

  clear(): void {
    this.generation += 1;
    this.providers.clear();
    this.identities.clear();
  }

  /** Entries held (for tests). */
  get size(): { providers: number; identities: number } {
    return { providers: this.providers.size, identities: this.identities.size };
  }

  async stop(): Promise<void> {
    this.listening = false;
    this.clear();
    await this.unlisten?.();
    this.unlisten = null;
  }
}

function providerKey(issuer: string, audiences: string[]): string {
  return JSON.stringify([issuer, ...[...audiences].sort()]);
}

function identityKey(tenantId: string, identityProviderId: string, subject: string): string {
  return `${tenantId.toLowerCase()}\u0000${identityProviderId.toLowerCase()}\u0000${subject}`;
}
