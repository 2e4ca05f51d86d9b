import { setTimeout as sleep } from "node:timers/promises";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayCluster, type ThrowawayCluster, throwawayClusterUnavailable } from "../support/throwaway-cluster.js";

// Issue 22 finding 12: a database that is not up yet when the API starts (a reboot, a container platform starting
// both) is waited for — attempts with backoff, each logged, up to a bounded total (DATABASE_STARTUP_WAIT_MS) — and
// only then does the start fail, with a clear error. Before, the API exited at once.

describe.skipIf(throwawayClusterUnavailable !== null)(
  `starting while the database is down${throwawayClusterUnavailable ? ` (skipped: ${throwawayClusterUnavailable})` : ""}`,
  () => {
    let cluster: ThrowawayCluster;
    let api: TestApi | undefined;

    beforeAll(async () => {
      cluster = await createThrowawayCluster();
    });

    afterAll(async () => {
      await api?.stop();
      cluster?.remove();
    });

    it("gives up after the configured wait with a clear error, not at the first refusal", async () => {
      const started = Date.now();
      const failure = await startTestApi({ databaseUrl: cluster.url, databaseLimits: { startupWaitMs: 1_500 } }).then(
        () => null,
        (error: unknown) => error as Error,
      );
      expect(failure?.name).toBe("DatabaseUnreachableAtStart");
      expect(failure?.message).toMatch(/could not be reached .* attempts/);
      // It kept trying for the whole wait (the first refusal comes within milliseconds).
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    });

    it("keeps trying while the database starts, then migrates, seeds and serves", async () => {
      const starting = startTestApi({ databaseUrl: cluster.url, databaseLimits: { startupWaitMs: 120_000 } });
      const early = await Promise.race([
        starting.then(
          () => "started",
          () => "gave up",
        ),
        sleep(1_500).then(() => "waiting"),
      ]);
      expect(early).toBe("waiting");
      cluster.start();
      api = await starting;
      const response = await api.graphql<{ tenant: { slug: string } }>(`query { tenant(slug: "kalmar") { slug } }`);
      expect(response.data?.tenant.slug).toBe("kalmar");
    });
  },
);
