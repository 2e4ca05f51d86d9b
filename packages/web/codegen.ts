import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed operations from the checked-in schema: a schema change that breaks an operation fails codegen and typecheck.
const config: CodegenConfig = {
  schema: "../../schema/schema.graphql",
  documents: ["src/**/*.tsx", "src/**/*.ts", "!src/generated/**"],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    "src/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: "string", JSONObject: "Record<string, unknown>" },
        strictScalars: true,
      },
    },
  },
};
export default config;
