import { defineConfig } from "vitest/config";
import { busyMachineTimeouts, singleGraphql, sourceConditions, testWorkers } from "../../vitest.shared.js";

export default defineConfig({
  resolve: { conditions: sourceConditions, alias: singleGraphql },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    include: ["src/**/*.test.ts"],
    setupFiles: ["./src/testing/vitest-setup.ts"],
    // Integration tests open copies of the prepared test databases (src/testing/test-template.ts).
    globalSetup: ["./src/testing/global-setup.ts"],
    pool: "forks",
    maxWorkers: testWorkers,
    ...busyMachineTimeouts,
  },
});
