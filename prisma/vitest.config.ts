import { defineConfig } from "vitest/config";
import { sourceConditions } from "../vitest.shared.js";

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: { include: ["test/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
