import { sqlStatementCounter } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../testing/index.js";

// A page of requests reads its invitations, participants and assignments in one batch per field (issue 10), and
// batching changes nothing of the audit: every invitee and participant shown is still one event per read.

let api: TestApi;
let coordinator: string;
const prisma = () => api.running.database.prisma;

const PAGE = /* GraphQL */ `
  query Page($first: Int!) {
    requests(first: $first) {
      nodes {
        id
        invitations(first: 20) { totalCount nodes { id status invitee { id givenName } } }
        participants { assignmentId givenName }
        assignments { id attendances { id } }
      }
    }
  }
`;

interface PageData {
  requests: {
    nodes: {
      id: string;
      invitations: { totalCount: number; nodes: { id: string; invitee: { id: string } }[] };
      participants: { assignmentId: string }[];
    }[];
  };
}

async function read(query: string, first: number) {
  const before = sqlStatementCounter.count;
  const response = await api.graphql<PageData>(query, { token: coordinator, variables: { first } });
  expect(response.errors).toBeUndefined();
  return { statements: sqlStatementCounter.count - before, nodes: response.data?.requests.nodes ?? [] };
}

const events = (purpose: string) => prisma().auditEvent.count({ where: { action: "READ", purpose } });

beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

describe("a page of requests with invitations, participants and assignments", () => {
  it("costs the same statements for 2 requests as for all of them", async () => {
    // Warm: the first request of a token reads its provider and grants; later ones find them in the instance's cache.
    await read(PAGE, 1);
    const small = await read(PAGE, 2);
    const large = await read(PAGE, 20);
    expect(small.nodes).toHaveLength(2);
    expect(large.nodes.length).toBeGreaterThan(small.nodes.length);
    expect(large.nodes.some((request) => request.invitations.nodes.length > 0)).toBe(true);
    expect(large.statements).toBe(small.statements);
  });

  it("writes one READ per invitee and participant shown, for each read of the field", async () => {
    const invitationsBefore = await events("request invitations");
    const participantsBefore = await events("request participants");
    const { nodes } = await read(PAGE, 20);
    const invitees = nodes.reduce((sum, request) => sum + request.invitations.nodes.length, 0);
    const shown = nodes.reduce((sum, request) => sum + request.participants.length, 0);
    expect(invitees).toBeGreaterThan(0);
    expect(await events("request invitations")).toBe(invitationsBefore + invitees);
    expect(await events("request participants")).toBe(participantsBefore + shown);

    // The same field twice in one operation is two reads, so two events each — not one served from a cache.
    const twice = /* GraphQL */ `
      query Twice($first: Int!) {
        requests(first: $first) {
          nodes { id invitations(first: 20) { totalCount nodes { id invitee { id } } } again: invitations(first: 20) { totalCount } }
        }
      }
    `;
    const before = await events("request invitations");
    const again = await read(twice, 20);
    const invitedAgain = again.nodes.reduce((sum, request) => sum + request.invitations.nodes.length, 0);
    expect(await events("request invitations")).toBe(before + 2 * invitedAgain);
  });
});
