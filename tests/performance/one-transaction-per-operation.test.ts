import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { sqlStatementCounter } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import { auditLog } from "../support/audit-log.js";

// Issue 19, item 2: a GraphQL query is one transaction, whatever it reads — the requests, their occasions, their
// invitations and the invitees are read by several DataLoader batches, which used to open a transaction each. The
// audited reads it makes commit with it, and if they cannot be kept, nothing read is answered. The API runs in this
// process, so the database package's counters see exactly one request's transactions when requests go one at a time.
//
// Sharing happens on PostgreSQL (the CI run of this suite); PGlite is one session that runs one transaction at a time,
// where a transaction held open would make every other read wait, so there each call keeps its own.

let api: TestApi;
let coordinator: string;
let administrator: string;

const REQUESTS_WITH_INVITEES = graphql(`query OneTransactionRequestsPage($first: Int!) {
  requests(first: $first) {
    totalCount
    nodes { id title occasions { id startsAt } invitations { totalCount nodes { id status invitee { id givenName familyName } } } }
  }
  me { __typename }
}`);

const POOL_AND_REQUESTS = graphql(`query OneTransactionPoolAndRequests {
  members(first: 5) { nodes { id givenName familyName } }
  requests(first: 3) { nodes { id title } }
}`);

const sharing = () => api.running.database.kind === "postgres";

async function transactionsOf<T>(send: () => Promise<T>): Promise<{ result: T; transactions: number }> {
  const before = sqlStatementCounter.transactions;
  const result = await send();
  return { result, transactions: sqlStatementCounter.transactions - before };
}

beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
  administrator = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
});

afterAll(async () => {
  await api?.stop();
});

describe("one transaction per query operation", () => {
  it("reads a page of requests with occasions, invitations and invitees in one transaction", async (context) => {
    // Warm the authentication cache first: verifying a token the first time reads the actor in a transaction of its own.
    await api.graphql(REQUESTS_WITH_INVITEES, { token: coordinator, variables: { first: 1 } });
    const { result, transactions } = await transactionsOf(() =>
      api.graphql(REQUESTS_WITH_INVITEES, { token: coordinator, variables: { first: 30 } }),
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data?.requests?.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.some((node) => node.invitations.nodes.length > 0)).toBe(true);
    if (!sharing()) context.skip();
    expect(transactions).toBe(1);
  });

  it("commits the audited reads it made: each invitee read is in the access log", async () => {
    const result = await api.graphql(REQUESTS_WITH_INVITEES, { token: coordinator, variables: { first: 30 } });
    const invitations = (result.data?.requests?.nodes ?? [])
      .flatMap((node) => node.invitations.nodes)
      .filter((invitation) => invitation.invitee);
    expect(invitations.length).toBeGreaterThan(0);
    const events = await auditLog(api, administrator);
    const read = new Set(
      events
        .filter((event) => event.action === "READ" && event.subjectType === "Member" && event.purpose === "request invitations")
        .map((event) => (event.details as { invitationId?: string } | null)?.invitationId),
    );
    for (const invitation of invitations) expect(read.has(invitation.id)).toBe(true);
  });

  it("answers nothing read under a transaction whose audit rows could not be kept", async () => {
    const prisma = api.running.database.prisma;
    const before = await api.graphql(POOL_AND_REQUESTS, { token: coordinator });
    expect(before.errors).toBeUndefined();
    const names = (before.data?.members?.nodes ?? []).map((member) => member.familyName);
    expect(names.length).toBeGreaterThan(0);
    // The application role may no longer write the audit log: every audited read fails.
    await prisma.$executeRawUnsafe(`REVOKE INSERT ON "AuditEvent" FROM medverkan_app`);
    try {
      const response = await api.graphql(POOL_AND_REQUESTS, { token: coordinator });
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(response.errors)).not.toMatch(/permission denied|AuditEvent/);
      // No member read is answered: on PostgreSQL the whole answer is the error (the requests were read in the same
      // transaction); on PGlite the members' field is (its transaction was its own).
      for (const name of names) expect(JSON.stringify(response.data ?? null)).not.toContain(`"${name}"`);
      if (sharing()) expect(response.data ?? null).toBeNull();
    } finally {
      await prisma.$executeRawUnsafe(`GRANT INSERT ON "AuditEvent" TO medverkan_app`);
    }
    const after = await api.graphql(POOL_AND_REQUESTS, { token: coordinator });
    expect(after.errors).toBeUndefined();
  });

  it("reads members and requests, two root fields with their own services, in one transaction", async (context) => {
    await api.graphql(POOL_AND_REQUESTS, { token: coordinator });
    const { result, transactions } = await transactionsOf(() => api.graphql(POOL_AND_REQUESTS, { token: coordinator }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.members?.nodes.length).toBeGreaterThan(0);
    expect(result.data?.requests?.nodes.length).toBeGreaterThan(0);
    if (!sharing()) context.skip();
    expect(transactions).toBe(1);
  });
});
