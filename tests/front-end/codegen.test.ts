import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "@graphql-codegen/cli";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import testsConfig, { typedDocuments } from "../codegen.js";

// Issue 16: a front-end team builds typed clients with GraphQL Code Generator's client preset on the printed schema.
// This runs it on schema/schema.graphql with the operations of each role (tests/front-end/operations) and type-checks
// code that uses the results, so a schema change that breaks a real page's operations fails here.

const root = join(import.meta.dirname, "..", "..");
// Inside tests/ so the generated code resolves @graphql-typed-document-node/core like a client project would.
const workspace = mkdtempSync(join(import.meta.dirname, ".codegen-"));

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

async function codegen(documents: string, output: string) {
  return generate(
    {
      schema: join(root, "schema", "schema.graphql"),
      documents,
      silent: true,
      errorsOnly: true,
      generates: { [output]: { preset: "client", presetConfig: { fragmentMasking: false }, config: { useTypeImports: true } } },
    },
    true,
  );
}

function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("codegen with the client preset", () => {
  it("compiles every role's operations and code that uses their results", async () => {
    const output = join(workspace, "gql/");
    await codegen(join(import.meta.dirname, "operations", "*.graphql"), output);
    const usage = join(workspace, "usage.ts");
    writeFileSync(
      usage,
      `import {
  CoordinatorRequestPageDocument, type CoordinatorRequestPageQuery, type CoordinatorRequestPageQueryVariables,
  MyFeeClaimsDocument, type MyFeeClaimsQuery, type MyStartPageQuery, type UnitRequestPageQuery, type CancelRequestMutation,
  type RequestStatus, type RegistrationPageQuery, type RegisterMutationVariables, type MyDirectBookingsQuery,
} from "./gql/graphql";

const variables: CoordinatorRequestPageQueryVariables = { id: "0190aaaa-0000-7000-8000-000000000000", invitations: 100 };
export const documents = [CoordinatorRequestPageDocument, MyFeeClaimsDocument, variables];

// Root fields are nullable: a page handles a refused part.
export function accepted(page: CoordinatorRequestPageQuery): string[] {
  return (page.request?.invitations.nodes ?? [])
    .filter((invitation) => invitation.status === "ACCEPTED")
    .map((invitation) => \`\${invitation.invitee.givenName} \${invitation.invitee.familyName}\`);
}
export const open = (page: CoordinatorRequestPageQuery): boolean => page.request?.status === ("MATCHING" satisfies RequestStatus);
export const candidates = (page: CoordinatorRequestPageQuery): number => page.request?.candidates?.nodes.length ?? 0;
export const net = (claims: MyFeeClaimsQuery): number => (claims.myFeeClaims?.nodes ?? []).reduce((sum, claim) => sum + claim.net.amountOre, 0);
export const name = (start: MyStartPageQuery): string | null | undefined => start.me?.member?.givenName;
export const contacts = (page: UnitRequestPageQuery): (string | null | undefined)[] => page.request?.participants.map((p) => p.email) ?? [];
export const cancelled = (result: CancelRequestMutation): boolean => result.cancelRequest.request?.status === "CANCELLED";
// An invitee is not the member: the profile is reached through memberId.
export const invitedMembers = (page: CoordinatorRequestPageQuery): string[] => (page.request?.invitations.nodes ?? []).map((i) => i.invitee.memberId);
export const questions = (page: RegistrationPageQuery): string[] => page.tenant?.registrationForm.questions.map((q) => \`\${q.key}: \${q.label}\`) ?? [];
export const answers: RegisterMutationVariables["input"]["answers"] = [{ question: "HEARD_OF_US", choice: "FRIEND" }];
export const pending = (mine: MyDirectBookingsQuery): number => mine.myDirectBookingsToConfirm?.length ?? 0;
`,
    );
    expect(typeErrors([usage])).toEqual([]);
  });

  it("fails on code that ignores a nullable root (the check can fail)", async () => {
    const usage = join(workspace, "careless.ts");
    writeFileSync(
      usage,
      `import type { MyFeeClaimsQuery } from "./gql/graphql";
export const count = (claims: MyFeeClaimsQuery): number => claims.myFeeClaims.totalCount;
`,
    );
    expect(typeErrors([usage]).join("\n")).toMatch(/possibly 'null'|possibly 'undefined'/);
  });

  it("refuses an operation that asks for a field the schema does not have", async () => {
    const stale = join(workspace, "stale.graphql");
    writeFileSync(stale, "query Stale { requests(first: 5) { nodes { id noSuchField } } }\n");
    await expect(codegen(stale, join(workspace, "stale-gql/"))).rejects.toThrow(/noSuchField/);
  });
});

// Issue 20: the end-to-end tests' own documents (`graphql(...)` in tests/, tests/codegen.ts) are typed the same way, so
// a renamed field fails the build's type check of tests/ instead of a test run.
describe("the end-to-end tests' typed documents", () => {
  const tests = join(import.meta.dirname, "..");
  const generateTests = (schema: string, output: string) =>
    generate({ ...testsConfig, schema, cwd: tests, silent: true, generates: { [output]: typedDocuments } }, true);

  it("refuse a schema where a field the tests ask for was renamed (Invitation.status → state)", async () => {
    const schema = readFileSync(join(root, "schema", "schema.graphql"), "utf8");
    const invitation = schema.indexOf("type Invitation {");
    const renamed = join(workspace, "renamed.graphql");
    writeFileSync(
      renamed,
      schema.slice(0, invitation) + schema.slice(invitation).replace("\n  status: InvitationStatus!", "\n  state: InvitationStatus!"),
    );
    await expect(generateTests(renamed, join(workspace, "renamed-tests-gql/"))).rejects.toThrow(
      /Cannot query field "status" on type "Invitation"/,
    );
  });

  it("type a test's use of a result: a field the operation does not have fails tsc", async () => {
    await generateTests(join(root, "schema", "schema.graphql"), join(workspace, "tests-gql/"));
    const usage = join(workspace, "tests-usage.ts");
    writeFileSync(
      usage,
      `import type { InviteMembersMutation, InviteMembersMutationVariables } from "./tests-gql/graphql.js";
export const statuses = (payload: InviteMembersMutation): string[] => payload.inviteMembers.invitations.map((i) => i.status);
export const variables: InviteMembersMutationVariables = { input: { requestId: "r", memberIds: ["m"] } };
`,
    );
    expect(typeErrors([usage])).toEqual([]);
    const renamed = join(workspace, "tests-renamed-usage.ts");
    writeFileSync(
      renamed,
      `import type { InviteMembersMutation, InviteMembersMutationVariables } from "./tests-gql/graphql.js";
export const states = (payload: InviteMembersMutation): string[] => payload.inviteMembers.invitations.map((i) => i.state);
export const variables: InviteMembersMutationVariables = { input: { request: "r", memberIds: ["m"] } };
`,
    );
    const errors = typeErrors([renamed]).join("\n");
    expect(errors).toMatch(/Property 'state' does not exist/);
    expect(errors).toMatch(/'request' does not exist in type 'InviteMembersInput'/);
  });
});
