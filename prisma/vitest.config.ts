import { defineConfig } from "vitest/config";
import { busyMachineTimeouts, sourceConditions, testWorkers } from "../vitest.shared.js";

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  // These tests migrate and seed for real (that is what they test), so they get the busy-machine bounds.
  test: { include: ["test/**/*.test.ts", "src/**/*.test.ts"], pool: "forks", maxWorkers: testWorkers, ...busyMachineTimeouts },
});
