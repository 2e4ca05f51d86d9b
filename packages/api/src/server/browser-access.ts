import { type Locale, type LocalizedText, resolveLocale } from "@medverkan/domain";
import type { NextFunction, Request, Response } from "express";

/**
 * Headers whose presence proves the request was preflighted: a browser sends none of them on a "simple" request, so
 * a page on another site cannot forge one (CORS then decides whether it may). `authorization` belongs here because
 * the API reads credentials from it alone (no cookies): a request carrying a token is never simple, and one without a
 * token acts as anonymous anyway — so urql's and Apollo Client's GET queries with a token pass as they are.
 */
export const PREFLIGHT_HEADERS = ["authorization", "apollo-require-preflight", "x-apollo-operation-name", "graphql-preflight"] as const;

/** What a browser client may send and read cross-origin. */
export const CORS_ALLOWED_HEADERS = [
  "Authorization",
  "Content-Type",
  "Accept",
  "Accept-Language",
  "Idempotency-Key",
  "Apollo-Require-Preflight",
  "X-Apollo-Operation-Name",
  "GraphQL-Preflight",
  "X-Request-Id",
] as const;
export const CORS_EXPOSED_HEADERS = ["Retry-After", "X-Request-Id", "Content-Language"] as const;
const CORS_MAX_AGE_SECONDS = 600;

// The content types a browser may send without a preflight (Fetch standard's CORS-safelisted request header).
const SIMPLE_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

const CSRF_MESSAGE: LocalizedText = {
  sv:
    "Begäran stoppades som möjlig förfalskad begäran från en annan webbplats (CSRF). Skicka den med " +
    "`content-type: application/json`, med en `Authorization`-header eller med headern `apollo-require-preflight: true`.",
  en:
    "This request was blocked as a potential cross-site request forgery (CSRF). Send it with " +
    "`content-type: application/json`, an `Authorization` header or the header `apollo-require-preflight: true`.",
};

/**
 * CORS for the origins in `CORS_ORIGINS` (exact matches; none by default). Credentials travel in the Authorization
 * header, never in cookies, so `Access-Control-Allow-Credentials` is not sent. A preflight from any other origin is
 * answered 403 without CORS headers, so the browser never sends the request itself.
 */
export function cors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    res.vary("Origin");
    const permitted = typeof origin === "string" && allowed.has(origin);
    const preflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
    if (permitted) {
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("access-control-expose-headers", CORS_EXPOSED_HEADERS.join(", "));
    }
    if (!preflight) {
      next();
      return;
    }
    if (!permitted) {
      res.status(403).end();
      return;
    }
    res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
    res.setHeader("access-control-allow-headers", CORS_ALLOWED_HEADERS.join(", "));
    res.setHeader("access-control-max-age", String(CORS_MAX_AGE_SECONDS));
    res.status(204).end();
  };
}

/**
 * CSRF prevention (SECURITY.md: no simple requests): a GET or POST must carry a non-simple content type or one of
 * the preflight headers. The same rule as Apollo's `csrfPrevention` (kept on as a second guard, with the same
 * headers), answered here in Swedish and English. Mutations over GET are refused by Apollo (405) regardless.
 */
export function csrfPrevention(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== "GET" && req.method !== "POST") {
    next();
    return;
  }
  const contentType = req.headers["content-type"];
  if (contentType !== undefined) {
    const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (!SIMPLE_CONTENT_TYPES.has(mediaType)) {
      next();
      return;
    }
  }
  if (PREFLIGHT_HEADERS.some((header) => (req.headers[header] ?? "") !== "")) {
    next();
    return;
  }
  const locale: Locale = resolveLocale(req.headers["accept-language"]);
  res.status(400).json({
    errors: [{ message: CSRF_MESSAGE[locale], extensions: { code: "BAD_REQUEST", messages: CSRF_MESSAGE } }],
  });
}
