import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// SECURITY.md: the web app is served from the API's origin with a same-origin Content-Security-Policy, no framing and
// no Referer (the authorization code in the sign-in redirect must not leak). The app exists once `packages/web` is
// built, which `npm test` does before any test runs.
const webAppBuilt = existsSync(resolve(import.meta.dirname, "../../packages/web/dist/index.html"));

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ seedOnStart: false });
});

afterAll(async () => {
  await api?.stop();
});

describe.skipIf(!webAppBuilt)("the web app's page", () => {
  it("is served at the root and at app routes with the security headers", async () => {
    for (const path of ["/", "/auth/callback?code=x&state=y", "/kalmar/requests"]) {
      const response = await fetch(new URL(path, api.url), { headers: { accept: "text/html" } });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/<html[^>]*lang="sv"/);
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain("unsafe-inline");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("leaves the API's own paths to the API", async () => {
    const health = await fetch(new URL("/healthz", api.url), { headers: { accept: "text/html" } });
    expect(await health.text()).not.toMatch(/<html/);
  });
});
