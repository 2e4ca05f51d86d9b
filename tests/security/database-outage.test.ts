import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayCluster, type ThrowawayCluster, throwawayClusterUnavailable } from "../support/throwaway-cluster.js";

// Issue 8 item 6 (SECURITY.md: fail fast with a clear retryable error when the database is down, recover when it
// returns): a throwaway PostgreSQL cluster of its own, stopped and started under a running API. Skipped (with the
// reason) where PostgreSQL's server binaries are not installed.

let cluster: ThrowawayCluster | null = null;
let api: TestApi;
const startCluster = () => cluster?.start();
const stopCluster = () => cluster?.stop();

const PUBLIC = /* GraphQL */ `query { tenant(slug: "kalmar") { slug } }`;

describe.skipIf(throwawayClusterUnavailable !== null)("database outage", () => {
  beforeAll(async () => {
    cluster = await createThrowawayCluster();
    cluster.start();
    api = await startTestApi({ databaseUrl: cluster.url });
  });

  afterAll(async () => {
    try {
      startCluster();
    } catch {
      // already running
    }
    await api?.stop();
    cluster?.remove();
  });

  it("fails fast with SERVICE_UNAVAILABLE while the database is down and recovers by itself when it returns", async () => {
    expect((await api.graphql<{ tenant: { slug: string } }>(PUBLIC)).data?.tenant.slug).toBe("kalmar");
    const token = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });

    stopCluster();
    const started = Date.now();
    const down = await api.graphql(PUBLIC);
    const authenticated = await api.graphql(`query { me { kind } }`, { token });
    expect(Date.now() - started).toBeLessThan(8_000);
    for (const response of [down, authenticated]) {
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryable: true });
      expect(JSON.stringify(response)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    }
    expect(authenticated.status).toBe(503);
    const ready = await fetch(api.url.replace("/graphql", "/readyz"));
    expect(ready.status).toBe(503);

    startCluster();
    let recovered = false;
    for (let attempt = 0; attempt < 40 && !recovered; attempt += 1) {
      const response = await api.graphql<{ tenant: { slug: string } }>(PUBLIC);
      recovered = response.data?.tenant?.slug === "kalmar";
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(true);
    expect((await api.graphql<{ me: { kind: string } }>(`query { me { kind } }`, { token })).data?.me.kind).toBe("STAFF");
    expect((await fetch(api.url.replace("/graphql", "/readyz"))).status).toBe(200);
  });
});
