import { defineConfig } from "vitest/config";
import { singleGraphql, sourceConditions } from "../../../vitest.shared.js";

// The 5 000-member candidates measurement only; never part of the e2e suite (its files end in .timing.ts).
export default defineConfig({
  resolve: { conditions: sourceConditions, alias: singleGraphql },
  ssr: { resolve: { conditions: sourceConditions } },
  test: { root: import.meta.dirname, include: ["*.timing.ts"], testTimeout: 900_000, hookTimeout: 180_000 },
});
