import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@medverkan/source"] },
  test: { include: ["test/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
