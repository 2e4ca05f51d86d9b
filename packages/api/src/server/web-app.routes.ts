import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import express, { type NextFunction, type Request, type Response, Router } from "express";

/** Where `packages/web` builds to, from this file in `src/server/` or `dist/server/` alike. */
export const DEFAULT_WEB_APP_DIRECTORY = resolve(import.meta.dirname, "..", "..", "..", "web", "dist");

/** Paths the API itself answers; never the web app's fallback page. */
const API_PREFIXES = ["/graphql", "/idp", "/healthz", "/readyz", "/explorer-assets", "/.well-known"];

// The app talks to /graphql on the same origin and to the identity provider; nothing is inlined, so scripts and
// styles come from this origin only. The code in the sign-in redirect never leaks through a Referer header.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https:",
  "form-action 'self' https:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

function securityHeaders(res: Response): void {
  res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("x-frame-options", "DENY");
}

/**
 * Serves Medverkan's own web app (`packages/web/dist`) at the root of the API's origin when it has been built:
 * hashed assets cached for a year, every other GET that asks for HTML answered with `index.html` (the app routes
 * in the browser). Returns null when there is no build, so the API runs alone as before.
 */
export function webAppRoutes(directory: string = DEFAULT_WEB_APP_DIRECTORY): Router | null {
  const indexFile = join(directory, "index.html");
  if (!existsSync(indexFile)) return null;
  const router = Router();
  router.use(
    "/assets",
    express.static(join(directory, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
      fallthrough: false,
    }),
  );
  router.use(
    express.static(directory, {
      index: false,
      setHeaders: (res) => securityHeaders(res),
    }),
  );
  router.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
    if (API_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) return next();
    if (!req.accepts("html")) return next();
    securityHeaders(res);
    res.setHeader("cache-control", "no-cache");
    res.sendFile(indexFile);
  });
  return router;
}
