import { createHash } from "node:crypto";
import type { Prisma } from "@medverkan/database";
import type { Locale } from "@medverkan/domain";
import type { Actor } from "../../auth/actor.js";
import type { RequestContext } from "../../context/request-context.js";
import type { Tx } from "../../context/tenant-scope.js";
import { ApiErrorCode, apiError } from "../errors/api-error.js";
import { findIdempotencyRecord, lockIdempotencyKey, storeIdempotencyRecord } from "./idempotency.repository.js";
import { IDEMPOTENCY_WINDOW_MS, idempotencyKeyOf } from "./idempotency-key.js";

export const idempotencyKeyReused = (locale: Locale = "en") =>
  apiError(
    ApiErrorCode.BAD_REQUEST,
    {
      sv: "Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för nya uppgifter.",
      en: "This Idempotency-Key was already used for a different request. Use a new key for new input.",
    },
    locale,
    { reason: "IDEMPOTENCY_KEY_REUSED" },
  );

/**
 * How an operation's answer is kept for replay. `store` returns what to keep (null: keep nothing, e.g. a refused
 * outcome that wrote nothing and may be retried with corrected circumstances); `replay` rebuilds the answer from it,
 * inside the retry's transaction (so it can re-read rows the first request created).
 */
export interface IdempotentAnswer<T> {
  store(answer: T): Prisma.InputJsonValue | null;
  replay(stored: Prisma.JsonValue, tx: Tx): Promise<T> | T;
}

/** Canonical JSON (object keys sorted), so the same input in another key order hashes the same. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Keys are per caller: nobody can replay (or block) another caller's answer by guessing their key. */
function callerOf(actor: Actor): string {
  return actor.kind === "ANONYMOUS" ? "anonymous" : `${actor.kind}:${actor.subject}`;
}

/** The key as stored: per caller, hashed. Null when the request carries no Idempotency-Key. */
function storedKey(ctx: RequestContext): string | null {
  const clientKey = idempotencyKeyOf(ctx);
  return clientKey === null ? null : sha256(`${callerOf(ctx.actor)}\n${clientKey}`);
}

/**
 * The answer stored for this caller's key under `tenantId`, if any; the same key with a different input is refused.
 * Takes the key's lock first, so a concurrent request with the same key waits for the first to commit.
 */
export async function findStoredAnswer(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  operation: string,
  input: unknown,
): Promise<{ found: true; stored: Prisma.JsonValue } | { found: false }> {
  const key = storedKey(ctx);
  if (key === null) return { found: false };
  await lockIdempotencyKey(tx, tenantId, operation, key);
  const existing = await findIdempotencyRecord(tx, tenantId, operation, key, new Date(Date.now() - IDEMPOTENCY_WINDOW_MS));
  if (!existing) return { found: false };
  if (existing.inputHash !== sha256(canonical(input))) throw idempotencyKeyReused(ctx.locale);
  ctx.log.info({ operation }, "idempotent replay");
  return { found: true, stored: existing.result };
}

/** Stores the answer for this caller's key in the transaction of the write it answers (no-op without a key). */
export async function storeAnswer(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  operation: string,
  input: unknown,
  stored: Prisma.InputJsonValue,
): Promise<void> {
  const key = storedKey(ctx);
  if (key === null) return;
  await storeIdempotencyRecord(tx, { tenantId, operation, key, inputHash: sha256(canonical(input)), result: stored });
}

/**
 * Runs a create at most once per `Idempotency-Key`: inside the caller's tenant transaction, the key is locked, a
 * stored answer for the same input is replayed without any write, the same key with a different input is refused,
 * and otherwise the work runs and its answer is stored in the same transaction — so the answer exists exactly when
 * the write committed. Without a key the work simply runs.
 *
 * Usage (e.g. `submitRequest`):
 * `ctx.scope(tenantId).transaction((tx) => withIdempotency(ctx, tx, tenantId, "submitRequest", input, () => submit(tx), answer))`
 */
export async function withIdempotency<T>(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  operation: string,
  input: unknown,
  work: () => Promise<T>,
  answer: IdempotentAnswer<T>,
): Promise<T> {
  const existing = await findStoredAnswer(ctx, tx, tenantId, operation, input);
  if (existing.found) return answer.replay(existing.stored, tx);
  const result = await work();
  const stored = answer.store(result);
  if (stored !== null) await storeAnswer(ctx, tx, tenantId, operation, input, stored);
  return result;
}
