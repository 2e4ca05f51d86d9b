import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { sqlStatementCounter } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 10: SQL statements per GraphQL request must not grow with the page size — nested fields are batched by
// DataLoaders instead of one query per row (N+1). The API runs in this process, so the database package's statement
// counter sees exactly the statements of one request when requests are sent one at a time.

let api: TestApi;
let coordinator: string;

interface Counted {
  statements: number;
  nodes: number;
  errors: unknown;
}

async function count(query: string, first: number, token: string, variables: Record<string, unknown> = {}): Promise<Counted> {
  const before = sqlStatementCounter.count;
  const response = await api.graphql<Record<string, { nodes: unknown[] } | null>>(query, { token, variables: { ...variables, first } });
  const statements = sqlStatementCounter.count - before;
  const connection = Object.values(response.data ?? {})[0];
  return { statements, nodes: connection?.nodes.length ?? 0, errors: response.errors };
}

const POOL_PAGE = /* GraphQL */ `
  query PoolPage($first: Int!) {
    members(first: $first) {
      totalCount
      nodes {
        id givenName familyName ageBand
        experiences { key }
        pauses { startsOn }
        memberships { status lastInvitedAt network { id slug name } }
      }
    }
  }
`;

const REQUESTS_PAGE = /* GraphQL */ `
  query RequestsPage($first: Int!) {
    requests(first: $first) {
      totalCount
      nodes {
        id title status
        occasions { id startsAt }
        invitations { totalCount nodes { id status invitee { id givenName familyName } } }
      }
    }
  }
`;

beforeAll(async () => {
  api = await startTestApi();
  // Tenant-wide view of the largest seeded region, so the pages are long enough to tell 2 rows from many.
  coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

describe("SQL statements per request", () => {
  it("counts statements (the counter sees this process's queries)", async () => {
    const { statements, errors } = await count(POOL_PAGE, 1, coordinator);
    expect(errors).toBeUndefined();
    expect(statements).toBeGreaterThan(0);
  });

  it("are the same for a pool search page of 2 and of 50 members with nested memberships, networks and tags", async () => {
    const small = await count(POOL_PAGE, 2, coordinator);
    const large = await count(POOL_PAGE, 50, coordinator);
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.nodes).toBe(2);
    expect(large.nodes).toBeGreaterThan(10);
    expect(large.statements).toBe(small.statements);
  });

  it("are the same for a page of 2 and of 50 requests with occasions and invitations with member names", async (context) => {
    const probe = await count(REQUESTS_PAGE, 1, coordinator);
    // Requests arrive with issue 5; until the field exists this check has nothing to measure.
    if (JSON.stringify(probe.errors ?? "").includes("Cannot query field")) context.skip();
    const small = await count(REQUESTS_PAGE, 2, coordinator);
    const large = await count(REQUESTS_PAGE, 50, coordinator);
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.nodes).toBe(2);
    expect(large.nodes).toBeGreaterThan(5);
    expect(large.statements).toBe(small.statements);
  });
});
