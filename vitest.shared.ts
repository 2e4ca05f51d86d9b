import { createRequire } from "node:module";
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
