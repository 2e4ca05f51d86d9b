import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 8 item 2: members see who read their data (role, unit, time, purpose — not the staff member's identity);
// tenant admins query the tenant's audit log, coordinators only about members of their networks.

const READ_MEMBER = /* GraphQL */ `query Read($id: ID!, $purpose: String) { member(id: $id, purpose: $purpose) { id } }`;
const ACCESS_LOG = /* GraphQL */ `
  query { myDataAccessLog(first: 100) { totalCount nodes { id at action actorType roles unitName subjectType purpose } } }
`;
const AUDIT = /* GraphQL */ `
  query Audit($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id at actorType actorId actorRole action subjectType subjectId memberId purpose }
    }
  }
`;

type AuditPage = {
  auditEvents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; actorId: string | null; action: string; memberId: string | null; purpose: string | null }[];
  };
};
type AccessLog = {
  myDataAccessLog: { totalCount: number; nodes: { action: string; actorType: string; roles: string[]; purpose: string | null }[] };
};

let api: TestApi;
let member: string;
let memberId: string;
let coordinator: string;
let admin: string;
const prisma = () => api.running.database.prisma;

beforeAll(async () => {
  api = await startTestApi();
  member = await api.tokenFor({ tenant: "kalmar", role: "member" });
  coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  admin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
  memberId = (await prisma().member.findFirstOrThrow({ where: { subject: "kalmar-member-1" } })).id;
});

afterAll(async () => {
  await api?.stop();
});

describe("who read my data", () => {
  it("lists a coordinator's read with role, time and purpose, but not the member's own acts", async () => {
    const before = await api.graphql<AccessLog>(ACCESS_LOG, { token: member });
    const read = await api.graphql(READ_MEMBER, { token: coordinator, variables: { id: memberId, purpose: "inför workshop" } });
    expect(read.errors).toBeUndefined();
    await api.graphql(`query { exportMyData { format } }`, { token: member });

    const after = await api.graphql<AccessLog>(ACCESS_LOG, { token: member });
    expect(after.errors).toBeUndefined();
    expect(after.data?.myDataAccessLog.totalCount).toBe((before.data?.myDataAccessLog.totalCount ?? 0) + 1);
    const entry = after.data?.myDataAccessLog.nodes.find((node) => node.purpose === "inför workshop");
    expect(entry).toMatchObject({ action: "READ", actorType: "STAFF", roles: ["COORDINATOR"] });
    expect(after.data?.myDataAccessLog.nodes.some((node) => node.actorType === "MEMBER")).toBe(false);
  });

  it("does not expose the staff member's identity, and is for members only", async () => {
    const withActor = await api.graphql(`query { myDataAccessLog { nodes { actorId } } }`, { token: member });
    expect(withActor.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const staff = await api.graphql(ACCESS_LOG, { token: coordinator });
    expect(staff.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("the tenant's audit log", () => {
  it("lets a tenant admin filter by member, action and time, page by page", async () => {
    const coordinatorId = (
      await prisma().staffUser.findFirstOrThrow({
        where: {
          subject: (await api.graphql<{ me: { subject: string } }>(`query { me { subject } }`, { token: coordinator })).data?.me.subject,
        },
      })
    ).id;
    await api.graphql(READ_MEMBER, { token: coordinator, variables: { id: memberId, purpose: "inför workshop" } });
    const response = await api.graphql<AuditPage>(AUDIT, { token: admin, variables: { filter: { memberId, action: "READ" }, first: 100 } });
    expect(response.errors).toBeUndefined();
    const nodes = response.data?.auditEvents.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.memberId === memberId && node.action === "READ")).toBe(true);
    const mine = await api.graphql<AuditPage>(AUDIT, {
      token: admin,
      variables: { filter: { memberId, actorId: coordinatorId, action: "READ" } },
    });
    expect(mine.data?.auditEvents.nodes.map((node) => node.purpose)).toContain("inför workshop");

    const byActor = await api.graphql<AuditPage>(AUDIT, { token: admin, variables: { filter: { actorId: coordinatorId }, first: 100 } });
    expect(byActor.data?.auditEvents.nodes.every((node) => node.actorId === coordinatorId)).toBe(true);
    const beforeAll = await api.graphql<AuditPage>(AUDIT, {
      token: admin,
      variables: { filter: { memberId, to: "2000-01-01T00:00:00Z" } },
    });
    expect(beforeAll.data?.auditEvents.totalCount).toBe(0);

    const first = await api.graphql<AuditPage>(AUDIT, { token: admin, variables: { first: 2 } });
    expect(first.data?.auditEvents.pageInfo.hasNextPage).toBe(true);
    const second = await api.graphql<AuditPage>(AUDIT, {
      token: admin,
      variables: { first: 2, after: first.data?.auditEvents.pageInfo.endCursor },
    });
    const firstIds = first.data?.auditEvents.nodes.map((node) => node.id) ?? [];
    expect(second.data?.auditEvents.nodes.some((node) => firstIds.includes(node.id))).toBe(false);
    const tooMany = await api.graphql(AUDIT, { token: admin, variables: { first: 101 } });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("shows a coordinator only events about their networks' members, and another tenant nothing", async () => {
    const own = await api.graphql<AuditPage>(AUDIT, { token: coordinator, variables: { first: 100 } });
    expect(own.errors).toBeUndefined();
    expect(own.data?.auditEvents.nodes.every((node) => node.memberId !== null)).toBe(true);
    const vgr = await api.tokenFor({ tenant: "vgr", role: "tenant-admin" });
    const foreign = await api.graphql<AuditPage>(AUDIT, { token: vgr, variables: { filter: { memberId } } });
    expect(foreign.data?.auditEvents.totalCount).toBe(0);
    for (const role of ["requester", "analyst", "member"]) {
      const token = await api.tokenFor({ tenant: "kalmar", role });
      const refused = await api.graphql(AUDIT, { token });
      expect(refused.errors?.[0]?.extensions?.code, role).toBe("FORBIDDEN");
    }
  });
});
