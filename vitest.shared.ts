import { defaultServerConditions } from "vite";

/**
 * Every package exports its TypeScript sources under the `@medverkan/source` condition, so tests (and the type
 * checker) use the code as written, while `node` runs the built `dist/`.
 */
export const sourceConditions = ["@medverkan/source", ...defaultServerConditions];
