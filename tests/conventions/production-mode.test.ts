import { randomBytes } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// SECURITY.md: introspection, the explorer and field suggestions are off in production.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ production: true, seedOnStart: false, piiKey: randomBytes(32) });
});

afterAll(async () => {
  await api?.stop();
});

describe("in production", () => {
  it("refuses to start without its own key for personal identity numbers (never the public development key)", async () => {
    await expect(startTestApi({ production: true, seedOnStart: false })).rejects.toThrow(/MEDVERKAN_PII_KEY/);
  });

  it("refuses introspection", async () => {
    const response = await api.graphql("{ __schema { types { name } } }");
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("serves no explorer", async () => {
    const page = await fetch(api.url, { headers: { accept: "text/html" } });
    expect(await page.text()).not.toMatch(/ruru|graphiql|explorer-assets/i);
    expect((await fetch(new URL("/explorer-assets/ruru.js", api.url))).status).toBe(404);
  });

  it("suggests no field names", async () => {
    const response = await api.graphql('{ tenan(slug: "kalmar") { name } }');
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(response.errors)).not.toMatch(/Did you mean/i);
  });

  it("mounts no development identity provider", async () => {
    const discovery = await fetch(new URL("/idp/.well-known/openid-configuration", api.url), { headers: { accept: "application/json" } });
    expect(discovery.status).toBe(404);
    const login = await fetch(new URL("/idp/auth?client_id=medverkan-web", api.url), { headers: { accept: "text/html" } });
    expect(await login.text()).not.toMatch(/Välj person/);
  });

  it("still answers health checks", async () => {
    expect((await fetch(new URL("/healthz", api.url))).status).toBe(200);
  });
});
