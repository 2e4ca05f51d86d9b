import { defineConfig } from "vitest/config";
import { busyMachineTimeouts, sourceConditions } from "../../vitest.shared.js";

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  // Pure rules, but some tests enumerate thousands of tables: vitest's 5 s default fails them on a busy machine.
  test: { include: ["src/**/*.test.ts"], ...busyMachineTimeouts },
});
