import type { Locale } from "@medverkan/domain";
import type { RequestContext } from "../../context/request-context.js";
import { ApiErrorCode, apiError } from "../errors/api-error.js";

/**
 * The `Idempotency-Key` request header (IETF draft "The Idempotency-Key HTTP Header Field", as Stripe and PayPal use
 * it): a client that retries a create sends the same key, and gets the first answer instead of a second write.
 */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** Printable ASCII without spaces, 1–255 characters: room for a UUID or a client's own scheme, nothing else. */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** How long a stored answer is replayed; a retry arrives within minutes, a day is generous. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

// The key belongs to one HTTP request. The request context is immutable, and Apollo hands each operation a shallow
// copy of it, so the key is attached from outside, to the per-request `scope` function every copy shares.
const keys = new WeakMap<object, string>();

export const invalidIdempotencyKey = (locale: Locale = "en") =>
  apiError(
    ApiErrorCode.BAD_REQUEST,
    {
      sv: "Headern Idempotency-Key ska vara 1–255 synliga ASCII-tecken, till exempel ett UUID.",
      en: "The Idempotency-Key header must be 1–255 visible ASCII characters, for example a UUID.",
    },
    locale,
    { reason: "INVALID_IDEMPOTENCY_KEY" },
  );

/** Reads the header; throws BAD_REQUEST for a malformed key (a client bug that would otherwise silently not retry safely). */
export function parseIdempotencyKey(header: string | string[] | undefined, locale: Locale): string | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header : [header];
  const [key] = value;
  if (value.length !== 1 || key === undefined || !VALID_KEY.test(key)) throw invalidIdempotencyKey(locale);
  return key;
}

export function attachIdempotencyKey(requestContext: Pick<RequestContext, "scope">, key: string | null): void {
  if (key !== null) keys.set(requestContext.scope, key);
}

export function idempotencyKeyOf(requestContext: Pick<RequestContext, "scope">): string | null {
  return keys.get(requestContext.scope) ?? null;
}
