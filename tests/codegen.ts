import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents for the end-to-end tests, from the checked-in schema: every `graphql(...)` call in tests/ becomes a
// TypedDocumentNode with its result and variables types, so a schema change (a renamed or removed field) that breaks
// a test's operation fails codegen and the type check. Plain-string documents (`/* GraphQL */`) are not scanned.

/** The client preset, as packages/web uses it (`graphql()`, no fragment masking), with `.js` imports for NodeNext. */
export const typedDocuments = {
  preset: "client",
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    scalars: { DateTimeISO: "string", JSONObject: "Record<string, unknown>" },
    strictScalars: true,
    importExtension: ".js",
  },
} satisfies CodegenConfig["generates"][string];

const config: CodegenConfig = {
  schema: "../schema/schema.graphql",
  documents: ["**/*.ts", "!generated/**", "!node_modules/**", "!**/.codegen-*/**"],
  ignoreNoDocuments: false,
  errorsOnly: true,
  pluckConfig: { gqlMagicComment: "typed-documents-use-graphql()" },
  generates: {
    "generated/": typedDocuments,
  },
};
export default config;
