import { defineConfig } from "vitest/config";
import { singleGraphql, sourceConditions } from "../../vitest.shared.js";

export default defineConfig({
  resolve: { conditions: sourceConditions, alias: singleGraphql },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    include: ["src/**/*.test.ts"],
    setupFiles: ["./src/testing/vitest-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
