import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { sqlStatementCounter } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitRequest } from "../support/requests.js";

// A page of requests with every nested field of the request feature costs the same number of SQL statements for 2
// requests as for 50: nested fields are batched per page by DataLoaders, never one query per request.

let api: TestApi;
let admin: string;

const PAGE = /* GraphQL */ `
  query Page($first: Int!) {
    requests(first: $first) {
      totalCount
      nodes {
        id status unitName organisationName costCentreCode assignmentTypeKey experienceTagKeys
        assignmentType { key label }
        network { id slug }
        occasions { id startsAt place }
        events { toStatus at }
        feedback { author rating }
        followUpNote
      }
    }
  }
`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  const requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  for (let i = 0; i < 12; i++) await submitRequest(api, requester, { title: `Förfrågan ${i + 1}` });
});

afterAll(async () => {
  await api?.stop();
});

async function statementsFor(first: number) {
  const before = sqlStatementCounter.count;
  const response = await api.graphql<{ requests: { nodes: unknown[] } }>(PAGE, { token: admin, variables: { first } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return { statements: sqlStatementCounter.count - before, nodes: response.data?.requests.nodes.length ?? 0 };
}

describe("a page of requests", () => {
  it("costs as many statements for 2 requests as for 50", async () => {
    await statementsFor(1); // warm: the actor's grants and the tenant are read the same way every time
    const small = await statementsFor(2);
    const large = await statementsFor(50);
    expect(small.nodes).toBe(2);
    expect(large.nodes).toBeGreaterThan(20);
    expect(large.statements).toBe(small.statements);
  });
});
