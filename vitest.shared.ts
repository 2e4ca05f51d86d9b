import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { defaultServerConditions } from "vite";

/**
 * Every package exports its TypeScript sources under the `@medverkan/source` condition, so tests (and the type
 * checker) use the code as written, while `node` runs the built `dist/`.
 */
export const sourceConditions = ["@medverkan/source", ...defaultServerConditions];

const require = createRequire(import.meta.url);

/**
 * graphql 16 ships CommonJS (`main`) and ESM (`module`). Node loads the CommonJS build for everyone, but Vite would
 * hand our code the ESM build while type-graphql `require`s the CommonJS one — two copies of graphql, which refuses
 * to mix ("Cannot use GraphQLScalarType from another module or realm"). Tests load the one Node loads.
 */
export const singleGraphql = { graphql: require.resolve("graphql", { paths: [`${import.meta.dirname}/packages/api`] }) };

/**
 * Test files running at once. Each end-to-end file runs the API and its database (PGlite is single-threaded
 * WebAssembly) in one worker process, so one worker per core keeps both cores of a 2-core laptop busy without
 * oversubscribing them; vitest's default (cores − 1) would run this suite one file at a time there. The timeouts
 * below, not fewer workers, are what carry the suite through a busy machine. VITEST_MAX_WORKERS overrides.
 */
export const testWorkers = Math.max(1, Math.min(availableParallelism(), 4));

/**
 * Bounds for a machine busy with other work (issue 22: load average ~7 on 2 cores makes everything ~5× slower than
 * on a quiet one). Generous, but bounded, so a hung test still fails.
 */
export const busyMachineTimeouts = { testTimeout: 120_000, hookTimeout: 300_000, teardownTimeout: 60_000 };
