import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { Prisma } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";

// Issue 8 item 3, SPEC scenario 11: a member can see, export, restrict and erase their data; a coordinator can act on
// a letter or a call, and every such request is logged against its legal deadline. Erasure removes the person
// everywhere while the facts statistics count stay.

const MISSING_ID = "01900000-0000-7000-8000-000000000000";

const ME_MEMBER = /* GraphQL */ `query { me { kind member { id givenName familyName } } }`;
const EXPORT_MINE = /* GraphQL */ `query { exportMyData { format generatedAt data } }`;
const EXPORT_MEMBER = /* GraphQL */ `
  mutation Export($input: ExportMemberDataInput!) {
    exportMemberData(input: $input) {
      export { format data }
      dataSubjectRequest { id kind channel receivedAt dueAt completedAt overdue note }
      errors { __typename ... on ErrorResult { code } }
    }
  }
`;
const RESTRICT = /* GraphQL */ `
  mutation Restrict($input: RestrictProcessingInput!) {
    restrictProcessing(input: $input) {
      privacy { memberId restrictedAt erasedAt }
      dataSubjectRequest { id kind channel completedAt }
      errors { __typename ... on ErrorResult { code } }
    }
  }
`;
const LIFT = /* GraphQL */ `
  mutation Lift($input: LiftRestrictionInput!) {
    liftRestriction(input: $input) { privacy { memberId restrictedAt } errors { __typename } }
  }
`;
const ERASE = /* GraphQL */ `
  mutation Erase($input: EraseMemberInput!) {
    eraseMember(input: $input) {
      privacy { memberId erasedAt }
      dataSubjectRequest { id kind channel completedAt }
      errors { __typename ... on ErrorResult { code } }
    }
  }
`;
const MEMBER = /* GraphQL */ `query Member($id: ID!) { member(id: $id) { id givenName } }`;
const POOL = /* GraphQL */ `
  query Pool($filter: MemberSearchInput) { members(filter: $filter, first: 100) { totalCount nodes { id } } }
`;
const REQUEST_LOG = /* GraphQL */ `
  query Log($filter: DataSubjectRequestFilter) {
    dataSubjectRequests(filter: $filter, first: 100) { totalCount nodes { id memberId kind channel receivedAt dueAt completedAt overdue } }
  }
`;
const RECORD_REQUEST = /* GraphQL */ `
  mutation Record($input: RecordDataSubjectRequestInput!) {
    recordDataSubjectRequest(input: $input) {
      dataSubjectRequest { id kind dueAt overdue completedAt }
      errors { __typename ... on ErrorResult { code } }
    }
  }
`;
const COMPLETE_REQUEST = /* GraphQL */ `
  mutation Complete($input: CompleteDataSubjectRequestInput!) {
    completeDataSubjectRequest(input: $input) { dataSubjectRequest { id completedAt overdue } errors { __typename } }
  }
`;

let api: TestApi;
const tokens: Record<string, string> = {};
const prisma = () => api.running.database.prisma;

async function memberIdOf(subject: string): Promise<string> {
  const row = await prisma().member.findFirst({ where: { subject }, select: { id: true } });
  if (!row) throw new Error(`no member ${subject}`);
  return row.id;
}

beforeAll(async () => {
  api = await startTestApi();
  tokens.kalmarMember = await api.tokenFor({ tenant: "kalmar", role: "member" });
  tokens.kalmarMember2 = await api.signToken({ subject: "kalmar-member-2", audience: "medverkan:kalmar" });
  tokens.kalmarMember3 = await api.signToken({ subject: "kalmar-member-3", audience: "medverkan:kalmar" });
  tokens.jonkopingMember = await api.tokenFor({ tenant: "jonkoping", role: "member" });
  tokens.kalmarCoordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  tokens.kalmarAdmin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
  tokens.kalmarAnalyst = await api.tokenFor({ tenant: "kalmar", role: "analyst" });
  tokens.kalmarRequester = await api.tokenFor({ tenant: "kalmar", role: "requester" });
  tokens.vgrCoordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

describe("export (art. 15 and 20)", () => {
  it("gives a member everything held about them as JSON, and audits the export", async () => {
    const memberId = await memberIdOf("kalmar-member-1");
    const response = await api.graphql<{ exportMyData: { format: string; data: Record<string, unknown[]> & { profile: { id: string } } } }>(
      EXPORT_MINE,
      { token: tokens.kalmarMember },
    );
    expect(response.errors).toBeUndefined();
    const exported = response.data?.exportMyData;
    expect(exported?.format).toBe("medverkan.member-export/1");
    const data = exported?.data;
    expect(data?.profile.id).toBe(memberId);
    // The seeded first member is active, with assignments and fee claims: every part of their history is there.
    const [assignments, feeClaims, memberships, consents] = await Promise.all([
      prisma().assignment.count({ where: { memberId } }),
      prisma().feeClaim.count({ where: { memberId } }),
      prisma().membership.count({ where: { memberId } }),
      prisma().consent.count({ where: { memberId } }),
    ]);
    expect(assignments).toBeGreaterThan(0);
    expect(data?.assignments).toHaveLength(assignments);
    expect(data?.feeClaims).toHaveLength(feeClaims);
    expect(data?.memberships).toHaveLength(memberships);
    expect(data?.consents).toHaveLength(consents);
    for (const key of ["experiences", "guardians", "corrections", "training", "invitations", "feedbackGiven", "accessLog"]) {
      expect(Array.isArray(data?.[key]), key).toBe(true);
    }
    const audit = await prisma().auditEvent.findFirst({ where: { memberId, action: "EXPORT", actorType: "MEMBER" } });
    expect(audit).not.toBeNull();
  });

  it("lets a coordinator answer a letter: export, a completed request due one month after receipt, an audit event", async () => {
    const memberId = await memberIdOf("kalmar-member-2");
    const receivedAt = new Date(Date.now() - 3 * 24 * 3_600_000);
    const response = await api.graphql<{
      exportMemberData: {
        export: { data: { profile: { id: string } } };
        dataSubjectRequest: { kind: string; channel: string; receivedAt: string; dueAt: string; completedAt: string | null };
      };
    }>(EXPORT_MEMBER, {
      token: tokens.kalmarCoordinator,
      variables: { input: { memberId, channel: "POSTAL", receivedAt: receivedAt.toISOString(), note: "Brev 19/11" } },
    });
    expect(response.errors).toBeUndefined();
    const payload = response.data?.exportMemberData;
    expect(payload?.export.data.profile.id).toBe(memberId);
    expect(payload?.dataSubjectRequest).toMatchObject({ kind: "ACCESS", channel: "POSTAL" });
    expect(payload?.dataSubjectRequest.completedAt).not.toBeNull();
    const due = new Date(receivedAt);
    due.setUTCMonth(due.getUTCMonth() + 1);
    expect(Math.abs(new Date(payload?.dataSubjectRequest.dueAt ?? 0).getTime() - due.getTime())).toBeLessThan(3 * 24 * 3_600_000);
    expect(await prisma().auditEvent.count({ where: { memberId, action: "EXPORT", actorType: "STAFF" } })).toBe(1);
  });

  it("answers a foreign tenant's, another member's or an unknown id exactly like a missing member", async () => {
    const memberId = await memberIdOf("kalmar-member-2");
    const foreign = await api.graphql<{ exportMemberData: { export: unknown; errors: { code: string }[] } }>(EXPORT_MEMBER, {
      token: tokens.vgrCoordinator,
      variables: { input: { memberId, channel: "PHONE" } },
    });
    const missing = await api.graphql<{ exportMemberData: { export: unknown; errors: { code: string }[] } }>(EXPORT_MEMBER, {
      token: tokens.vgrCoordinator,
      variables: { input: { memberId: MISSING_ID, channel: "PHONE" } },
    });
    expect(foreign.data?.exportMemberData).toEqual(missing.data?.exportMemberData);
    expect(foreign.data?.exportMemberData.errors[0]?.code).toBe("NOT_FOUND");
    // A member may not name someone else (and may not call the coordinators' mutation at all).
    const otherRestrict = await api.graphql<{ restrictProcessing: { errors: { code: string }[] } }>(RESTRICT, {
      token: tokens.kalmarMember,
      variables: { input: { memberId } },
    });
    expect(otherRestrict.data?.restrictProcessing.errors[0]?.code).toBe("NOT_FOUND");
    expect(await prisma().member.count({ where: { id: memberId, restrictedAt: { not: null } } })).toBe(0);
    const byMember = await api.graphql(EXPORT_MEMBER, { token: tokens.kalmarMember, variables: { input: { memberId } } });
    expect(byMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await prisma().dataSubjectRequest.count({ where: { memberId, channel: "PHONE" } })).toBe(0);
  });

  it("needs the channel and a receipt date that is not in the future, in both languages", async () => {
    const memberId = await memberIdOf("kalmar-member-2");
    const response = await api.graphql(EXPORT_MEMBER, {
      token: tokens.kalmarCoordinator,
      variables: { input: { memberId, receivedAt: new Date(Date.now() + 5 * 24 * 3_600_000).toISOString() } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response).map((error) => [error.field, error.code])).toEqual([
      ["input.channel", "REQUIRED"],
      ["input.receivedAt", "DATE_IN_FUTURE"],
    ]);
    expect(fieldErrors(response)[1]?.messages.sv).toContain("Mottagningsdag");
  });
});

describe("restriction (art. 18)", () => {
  it("keeps the data but refuses every other use until lifted", async () => {
    const memberId = await memberIdOf("kalmar-member-3");
    const row = await prisma().member.findFirst({ where: { id: memberId }, select: { familyName: true } });
    const byName = { filter: { name: row?.familyName } };
    const before = await api.graphql<{ members: { nodes: { id: string }[] } }>(POOL, {
      token: tokens.kalmarCoordinator,
      variables: byName,
    });
    expect(before.data?.members.nodes.map((node) => node.id)).toContain(memberId);

    const restricted = await api.graphql<{
      restrictProcessing: { privacy: { restrictedAt: string }; dataSubjectRequest: { kind: string } };
    }>(RESTRICT, { token: tokens.kalmarMember3, variables: { input: {} } });
    expect(restricted.errors).toBeUndefined();
    expect(restricted.data?.restrictProcessing.privacy.restrictedAt).toBeTruthy();
    expect(restricted.data?.restrictProcessing.dataSubjectRequest).toMatchObject({ kind: "RESTRICTION" });

    const pool = await api.graphql<{ members: { nodes: { id: string }[] } }>(POOL, { token: tokens.kalmarCoordinator, variables: byName });
    expect(pool.data?.members.nodes.map((node) => node.id)).not.toContain(memberId);
    const read = await api.graphql(MEMBER, { token: tokens.kalmarCoordinator, variables: { id: memberId } });
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "PROCESSING_RESTRICTED" });
    expect(read.errors?.[0]?.extensions?.messages).toMatchObject({ en: expect.stringContaining("restricted") });
    // The person still sees their own data, and the coordinator can still answer them with an export.
    const own = await api.graphql<{ me: { member: { id: string } } }>(ME_MEMBER, { token: tokens.kalmarMember3 });
    expect(own.data?.me.member.id).toBe(memberId);
    const exported = await api.graphql<{ exportMemberData: { errors: unknown[] } }>(EXPORT_MEMBER, {
      token: tokens.kalmarCoordinator,
      variables: { input: { memberId, channel: "PHONE" } },
    });
    expect(exported.data?.exportMemberData.errors).toEqual([]);

    const lifted = await api.graphql<{ liftRestriction: { privacy: { restrictedAt: string | null } } }>(LIFT, {
      token: tokens.kalmarCoordinator,
      variables: { input: { memberId, channel: "PHONE" } },
    });
    expect(lifted.data?.liftRestriction.privacy.restrictedAt).toBeNull();
    const again = await api.graphql<{ members: { nodes: { id: string }[] } }>(POOL, { token: tokens.kalmarCoordinator, variables: byName });
    expect(again.data?.members.nodes.map((node) => node.id)).toContain(memberId);
  });
});

describe("erasure (art. 17)", () => {
  it("refuses without confirmation and changes nothing", async () => {
    const response = await api.graphql(ERASE, { token: tokens.jonkopingMember, variables: { input: { confirm: false } } });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response)[0]?.field).toBe("input.confirm");
    expect(await prisma().member.count({ where: { subject: "jonkoping-member-1", erasedAt: null } })).toBe(1);
  });

  it("removes the person everywhere while the facts statistics count stay", async () => {
    const memberId = await memberIdOf("jonkoping-member-1");
    const db = prisma();
    const facts = async () => {
      const [memberships, assignments, attendances, claims, consents] = await Promise.all([
        db.membership.count({ where: { memberId } }),
        db.assignment.count({ where: { memberId } }),
        db.attendance.count({ where: { assignment: { memberId } } }),
        db.feeClaim.aggregate({ where: { memberId }, _sum: { grossOre: true, netOre: true }, _count: true }),
        db.consent.count({ where: { memberId } }),
      ]);
      return { memberships, assignments, attendances, claims, consents };
    };
    const before = await facts();
    expect(before.assignments).toBeGreaterThan(0);
    const original = await db.member.findFirst({ where: { id: memberId } });
    // What the audit log says of the person beyond who did what when (criteria, invitation ids, before and after).
    const auditDetails = () => db.auditEvent.count({ where: { memberId, details: { not: Prisma.AnyNull }, NOT: { action: "ERASE" } } });
    // A change of their own first: its audit event holds the profile before and after.
    const version = await api.graphql<{ me: { member: { version: number } } }>(`query { me { member { version } } }`, {
      token: tokens.jonkopingMember,
    });
    const changed = await api.graphql<{ updateMyProfile: { errors: unknown[] } }>(
      `mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { errors { __typename } } }`,
      {
        token: tokens.jonkopingMember,
        variables: { input: { expectedVersion: version.data?.me.member.version, availabilityNote: "Helst förmiddagar." } },
      },
    );
    expect(changed.data?.updateMyProfile.errors).toEqual([]);
    expect(await auditDetails()).toBeGreaterThan(0);

    const response = await api.graphql<{
      eraseMember: { privacy: { memberId: string; erasedAt: string }; dataSubjectRequest: { kind: string; channel: string } };
    }>(ERASE, { token: tokens.jonkopingMember, variables: { input: { confirm: true } } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.eraseMember.privacy.memberId).toBe(memberId);
    expect(response.data?.eraseMember.dataSubjectRequest).toMatchObject({ kind: "ERASURE", channel: "WEB" });

    expect(await facts()).toEqual(before);
    const erased = await db.member.findFirst({ where: { id: memberId } });
    expect(erased).toMatchObject({
      subject: null,
      givenName: "",
      familyName: "",
      email: null,
      phone: null,
      birthDate: null,
      municipality: null,
      experienceText: null,
      emailKey: null,
      phoneKey: null,
      nameBirthYearKey: null,
      perspectives: original?.perspectives,
    });
    expect(erased?.erasedAt).not.toBeNull();
    if (original?.birthYear) expect(erased?.birthYear).toBe(original.birthYear - (original.birthYear % 5));
    const [experiences, guardians, pauses, statuses, comments, audit] = await Promise.all([
      db.memberExperience.count({ where: { memberId } }),
      db.guardian.count({ where: { memberId } }),
      db.memberPause.count({ where: { memberId } }),
      db.membership.findMany({ where: { memberId }, select: { status: true } }),
      db.feedback.count({ where: { author: "PARTICIPANT", authorId: memberId, comment: { not: null } } }),
      db.auditEvent.findFirst({ where: { memberId, action: "ERASE" } }),
    ]);
    expect([experiences, guardians, pauses, comments]).toEqual([0, 0, 0, 0]);
    expect(new Set(statuses.map((row) => row.status))).toEqual(new Set(["ERASED"]));
    expect(audit).not.toBeNull();
    // The log keeps that the person's data was read or changed, and by whom, but no longer what it said.
    expect(await auditDetails()).toBe(0);
    // Nothing of the person is left to find: no text column of any row names them.
    const leftovers = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "Member" WHERE "id" = $1::uuid AND ("givenName" = $2 OR "familyName" = $3)`,
      memberId,
      original?.givenName ?? "",
      original?.familyName ?? "",
    );
    expect(leftovers[0]?.n).toBe(0);

    // The token maps to no one; coordinators cannot find them.
    const me = await api.graphql<{ me: { kind: string; member: unknown } }>(ME_MEMBER, { token: tokens.jonkopingMember });
    expect(me.data?.me).toEqual({ kind: "CITIZEN", member: null });
    const admin = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
    const read = await api.graphql<{ member: unknown }>(MEMBER, { token: admin, variables: { id: memberId } });
    expect(read.data?.member).toBeNull();
  });

  it("lets a coordinator erase on a phone request; a second erasure finds no one", async () => {
    const memberId = await memberIdOf("kalmar-member-2");
    const first = await api.graphql<{ eraseMember: { dataSubjectRequest: { channel: string } } }>(ERASE, {
      token: tokens.kalmarCoordinator,
      variables: { input: { memberId, channel: "PHONE", confirm: true } },
    });
    expect(first.data?.eraseMember.dataSubjectRequest.channel).toBe("PHONE");
    const second = await api.graphql<{ eraseMember: { errors: { code: string }[] } }>(ERASE, {
      token: tokens.kalmarCoordinator,
      variables: { input: { memberId, channel: "PHONE", confirm: true } },
    });
    expect(second.data?.eraseMember.errors[0]?.code).toBe("NOT_FOUND");
    // Earlier requests' notes named the letter; they are cleared with the person.
    expect(await prisma().dataSubjectRequest.count({ where: { memberId, note: { not: null } } })).toBe(0);
  });
});

describe("the request log (art. 12(3) deadlines)", () => {
  it("shows open and overdue requests with due dates, and completes them", async () => {
    const memberId = await memberIdOf("kalmar-member-1");
    const receivedAt = new Date(Date.now() - 40 * 24 * 3_600_000).toISOString();
    const recorded = await api.graphql<{
      recordDataSubjectRequest: { dataSubjectRequest: { id: string; overdue: boolean; completedAt: null } };
    }>(RECORD_REQUEST, {
      token: tokens.kalmarCoordinator,
      variables: { input: { memberId, kind: "RECTIFICATION", channel: "POSTAL", receivedAt } },
    });
    expect(recorded.errors).toBeUndefined();
    const request = recorded.data?.recordDataSubjectRequest.dataSubjectRequest;
    expect(request).toMatchObject({ overdue: true, completedAt: null });

    type Log = { dataSubjectRequests: { nodes: { id: string }[] } };
    const overdue = await api.graphql<Log>(REQUEST_LOG, { token: tokens.kalmarAdmin, variables: { filter: { overdue: true } } });
    expect(overdue.data?.dataSubjectRequests.nodes.map((node) => node.id)).toEqual([request?.id]);
    const notOverdue = await api.graphql<Log>(REQUEST_LOG, { token: tokens.kalmarAdmin, variables: { filter: { overdue: false } } });
    expect(notOverdue.data?.dataSubjectRequests.nodes.map((node) => node.id)).not.toContain(request?.id);

    const completed = await api.graphql<{ completeDataSubjectRequest: { dataSubjectRequest: { completedAt: string; overdue: boolean } } }>(
      COMPLETE_REQUEST,
      { token: tokens.kalmarCoordinator, variables: { input: { id: request?.id, note: "Rättat per telefon" } } },
    );
    expect(completed.data?.completeDataSubjectRequest.dataSubjectRequest).toMatchObject({ overdue: false });
    const open = await api.graphql<Log>(REQUEST_LOG, { token: tokens.kalmarCoordinator, variables: { filter: { open: true } } });
    expect(open.data?.dataSubjectRequests.nodes.map((node) => node.id)).not.toContain(request?.id);

    // Another tenant's staff see none of it and cannot complete it; analysts and requesters are refused.
    const foreign = await api.graphql<Log>(REQUEST_LOG, { token: tokens.vgrCoordinator });
    expect(foreign.data?.dataSubjectRequests.nodes.map((node) => node.id)).not.toContain(request?.id);
    const foreignComplete = await api.graphql<{ completeDataSubjectRequest: { errors: { __typename: string }[] } }>(COMPLETE_REQUEST, {
      token: tokens.vgrCoordinator,
      variables: { input: { id: request?.id } },
    });
    expect(foreignComplete.data?.completeDataSubjectRequest.errors[0]?.__typename).toBe("NotFound");
    for (const token of [tokens.kalmarAnalyst, tokens.kalmarRequester]) {
      const refused = await api.graphql(REQUEST_LOG, { token });
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });
});
