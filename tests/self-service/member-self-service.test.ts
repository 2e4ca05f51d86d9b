import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";

// Issue 4 item 6: a member manages their own participation with their own token. Corrections keep their history
// (GDPR art. 16), pauses and withdrawal follow the rules, and another member's rows are as unreachable as missing ones.

const MISSING_ID = "01900000-0000-7000-8000-000000000000";

const MY_PROFILE = /* GraphQL */ `
  query MyProfile {
    me {
      member {
        id version givenName familyName email phone birthYear birthDate municipality perspectives languages availabilityNote
        experiences { key }
        pauses { id startsOn endsOn reason }
        revisions { id at actorType changes { field before after } }
      }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      member { id version familyName phone languages experiences { key } }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`;
const ADD_PAUSE = /* GraphQL */ `
  mutation Add($input: AddMyPauseInput!) {
    addMyPause(input: $input) { pause { id startsOn endsOn reason } errors { __typename ... on ErrorResult { code } } }
  }
`;
const REMOVE_PAUSE = /* GraphQL */ `
  mutation Remove($input: RemoveMyPauseInput!) {
    removeMyPause(input: $input) { removedPauseId errors { __typename ... on ErrorResult { code messageSv messageEn } } }
  }
`;
const AVAILABILITY = /* GraphQL */ `
  mutation Availability($input: SetMyAvailabilityInput!) {
    setMyAvailability(input: $input) { member { availabilityNote version } errors { __typename } }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($input: WithdrawFromNetworkInput!) {
    withdrawFromNetwork(input: $input) {
      membership { id status network { slug } }
      errors { __typename ... on ErrorResult { code message } ... on IntakeRuleNotMet { rule missing } }
    }
  }
`;
const MY_MEMBERSHIPS = /* GraphQL */ `query { myMemberships { id status statusChangedAt network { slug name } } }`;

type Profile = {
  id: string;
  version: number;
  familyName: string;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  languages: string[];
  availabilityNote: string | null;
  experiences: { key: string }[];
  pauses: { id: string; startsOn: string; endsOn: string | null; reason: string | null }[];
  revisions: { id: string; actorType: string; changes: { field: string; before: string[]; after: string[] }[] }[];
};

let api: TestApi;
let member: string;
let otherMember: string;
let coordinator: string;

const prisma = () => api.running.database.prisma;
const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
const inDays = (days: number) => {
  const date = new Date(`${today()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

async function profile(token = member): Promise<Profile> {
  const response = await api.graphql<{ me: { member: Profile } }>(MY_PROFILE, { token });
  if (!response.data?.me.member) throw new Error(JSON.stringify(response.errors));
  return response.data.me.member;
}

/** Everything a refused mutation must leave untouched. */
async function snapshot(memberId: string) {
  const db = prisma();
  return Promise.all([
    db.member.findFirst({ where: { id: memberId } }),
    db.memberRevision.count({ where: { memberId } }),
    db.memberPause.count({ where: { memberId } }),
    db.memberExperience.count({ where: { memberId } }),
    db.auditEvent.count({ where: { memberId, action: "WRITE" } }),
  ]);
}

beforeAll(async () => {
  api = await startTestApi();
  member = await api.tokenFor({ tenant: "kalmar", role: "member" });
  otherMember = await api.signToken({ subject: "kalmar-member-2", audience: "medverkan:kalmar" });
  coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

describe("profile corrections", () => {
  it("corrects the profile, keeps every changed field's before and after, and syncs duplicate keys and tags", async () => {
    const before = await profile();
    const response = await api.graphql<{ updateMyProfile: { member: Profile; errors: unknown[] } }>(UPDATE, {
      token: member,
      variables: {
        input: {
          expectedVersion: before.version,
          familyName: "Rättad-Efternamn",
          phone: "070-555 12 34",
          languages: ["sv", "fi"],
          experienceTagKeys: ["depression"],
        },
      },
    });
    expect(response.errors).toBeUndefined();
    const updated = response.data?.updateMyProfile;
    expect(updated?.errors).toEqual([]);
    expect(updated?.member).toMatchObject({
      familyName: "Rättad-Efternamn",
      phone: "+46705551234",
      languages: ["sv", "fi"],
      version: before.version + 1,
      experiences: [{ key: "depression" }],
    });

    const after = await profile();
    const [revision] = after.revisions;
    expect(revision?.actorType).toBe("MEMBER");
    expect(revision?.changes).toEqual(
      expect.arrayContaining([
        { field: "familyName", before: [before.familyName], after: ["Rättad-Efternamn"] },
        { field: "phone", before: before.phone ? [before.phone] : [], after: ["+46705551234"] },
        { field: "experienceTagKeys", before: expect.any(Array), after: ["depression"] },
      ]),
    );
    const row = await prisma().member.findFirstOrThrow({ where: { id: before.id } });
    expect(row.phoneKey).toBe("+46705551234");
    expect(row.nameBirthYearKey).toContain("rattad efternamn");
    const audit = await prisma().auditEvent.findFirst({
      where: { memberId: before.id, action: "WRITE", subjectType: "Member" },
      orderBy: [{ at: "desc" }, { id: "desc" }],
    });
    expect(audit).toMatchObject({ actorType: "MEMBER", actorId: before.id, details: { after: { familyName: ["Rättad-Efternamn"] } } });

    // The coordinator of the member's network sees the same history.
    const seen = await api.graphql<{ member: { revisions: unknown[] } }>(
      `query($id: ID!) { member(id: $id) { revisions { changes { field } } } }`,
      { token: coordinator, variables: { id: before.id } },
    );
    expect(seen.data?.member.revisions).toHaveLength(after.revisions.length);
  });

  it("refuses invalid corrections with field errors in both languages and writes nothing", async () => {
    const before = await profile();
    const state = await snapshot(before.id);
    const response = await api.graphql(UPDATE, {
      token: member,
      variables: {
        input: {
          expectedVersion: before.version,
          givenName: "  ",
          email: null,
          phone: null,
          perspectives: [],
          experienceTagKeys: ["finns-inte"],
        },
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response).map((error) => [error.field, error.code])).toEqual([
      ["input.givenName", "REQUIRED"],
      ["input.email", "REQUIRED"],
      ["input.perspectives", "TOO_FEW"],
      ["input.experienceTagKeys[0]", "UNKNOWN_REFERENCE"],
    ]);
    expect(fieldErrors(response)[0]?.messages).toEqual({
      sv: expect.stringContaining("Förnamn"),
      en: expect.stringContaining("Given name"),
    });
    expect(await snapshot(before.id)).toEqual(state);
  });

  it("answers a stale version with CONFLICT and loses no update", async () => {
    const before = await profile();
    const first = await api.graphql(UPDATE, {
      token: member,
      variables: { input: { expectedVersion: before.version, familyName: "Först" } },
    });
    expect(first.errors).toBeUndefined();
    const state = await snapshot(before.id);
    const stale = await api.graphql(UPDATE, {
      token: member,
      variables: { input: { expectedVersion: before.version, familyName: "Sist" } },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await snapshot(before.id)).toEqual(state);
    expect((await profile()).familyName).toBe("Först");
  });

  it("keeps availability as history too", async () => {
    const before = await profile();
    const response = await api.graphql<{ setMyAvailability: { member: { availabilityNote: string; version: number } } }>(AVAILABILITY, {
      token: member,
      variables: { input: { note: "  Vardagar efter 16  " } },
    });
    expect(response.data?.setMyAvailability.member).toEqual({ availabilityNote: "Vardagar efter 16", version: before.version + 1 });
    const [revision] = (await profile()).revisions;
    expect(revision?.changes).toEqual([
      { field: "availabilityNote", before: before.availabilityNote ? [before.availabilityNote] : [], after: ["Vardagar efter 16"] },
    ]);
  });
});

describe("pauses", () => {
  it("adds and removes a pause, refusing one in the past or ending before it starts", async () => {
    const me = await profile();
    const added = await api.graphql<{ addMyPause: { pause: { id: string; startsOn: string; endsOn: string; reason: string } } }>(
      ADD_PAUSE,
      {
        token: member,
        variables: { input: { startsOn: inDays(7), endsOn: inDays(21), reason: "Semester" } },
      },
    );
    const pause = added.data?.addMyPause.pause;
    expect(pause).toMatchObject({ startsOn: inDays(7), endsOn: inDays(21), reason: "Semester" });
    expect((await profile()).pauses.map((p) => p.id)).toContain(pause?.id);

    const state = await snapshot(me.id);
    const past = await api.graphql(ADD_PAUSE, { token: member, variables: { input: { startsOn: inDays(-1) } } });
    expect(fieldErrors(past).map((error) => [error.field, error.code])).toEqual([["input.startsOn", "DATE_IN_PAST"]]);
    const backwards = await api.graphql(ADD_PAUSE, { token: member, variables: { input: { startsOn: inDays(10), endsOn: inDays(9) } } });
    expect(fieldErrors(backwards).map((error) => [error.field, error.code])).toEqual([["input.endsOn", "MUST_BE_AFTER"]]);
    expect(await snapshot(me.id)).toEqual(state);

    const removed = await api.graphql<{ removeMyPause: { removedPauseId: string } }>(REMOVE_PAUSE, {
      token: member,
      variables: { input: { pauseId: pause?.id } },
    });
    expect(removed.data?.removeMyPause).toEqual({ removedPauseId: pause?.id, errors: [] });
    expect((await profile()).pauses.map((p) => p.id)).not.toContain(pause?.id);
  });

  it("keeps a pause that is already over", async () => {
    const me = await profile();
    const tenantId = (await prisma().member.findFirstOrThrow({ where: { id: me.id } })).tenantId;
    const over = await prisma().memberPause.create({
      data: { tenantId, memberId: me.id, startsOn: new Date(`${inDays(-30)}T00:00:00Z`), endsOn: new Date(`${inDays(-2)}T00:00:00Z`) },
    });
    const response = await api.graphql<{ removeMyPause: { errors: { code: string }[] } }>(REMOVE_PAUSE, {
      token: member,
      variables: { input: { pauseId: over.id } },
    });
    expect(response.data?.removeMyPause).toMatchObject({
      removedPauseId: null,
      errors: [{ __typename: "PauseEnded", code: "PAUSE_ENDED" }],
    });
    expect(await prisma().memberPause.count({ where: { id: over.id } })).toBe(1);
  });
});

describe("memberships and withdrawal", () => {
  it("lists own memberships, withdraws through the intake rules with an event, and refuses to withdraw twice", async () => {
    const listed = await api.graphql<{ myMemberships: { id: string; status: string; network: { slug: string } }[] }>(MY_MEMBERSHIPS, {
      token: member,
    });
    const [membership] = listed.data?.myMemberships ?? [];
    expect(membership).toMatchObject({ status: "ACTIVE", network: { slug: "intressebanken" } });

    const withdrawn = await api.graphql<{ withdrawFromNetwork: { membership: { status: string } } }>(WITHDRAW, {
      token: member,
      variables: { input: { membershipId: membership?.id, reason: "Flyttar från länet." } },
    });
    expect(withdrawn.data?.withdrawFromNetwork).toEqual({
      membership: { id: membership?.id, status: "WITHDRAWN", network: { slug: "intressebanken" } },
      errors: [],
    });
    const event = await prisma().membershipEvent.findFirst({ where: { membershipId: membership?.id }, orderBy: { at: "desc" } });
    expect(event).toMatchObject({ fromStatus: "ACTIVE", toStatus: "WITHDRAWN", note: "Flyttar från länet.", actorType: "MEMBER" });

    const again = await api.graphql<{ withdrawFromNetwork: unknown }>(WITHDRAW, {
      token: member,
      variables: { input: { membershipId: membership?.id } },
    });
    expect(again.data?.withdrawFromNetwork).toMatchObject({
      membership: null,
      errors: [{ __typename: "IntakeRuleNotMet", code: "INTAKE_RULE_NOT_MET", rule: "TRANSITION_NOT_ALLOWED" }],
    });
  });
});

describe("another member's rows", () => {
  it("are answered exactly like rows that do not exist, and stay untouched", async () => {
    const other = await profile(otherMember);
    const tenantId = (await prisma().member.findFirstOrThrow({ where: { id: other.id } })).tenantId;
    const theirPause = await prisma().memberPause.create({
      data: { tenantId, memberId: other.id, startsOn: new Date(`${inDays(5)}T00:00:00Z`) },
    });
    const theirMembership = await prisma().membership.findFirstOrThrow({ where: { memberId: other.id } });

    const foreignPause = await api.graphql(REMOVE_PAUSE, { token: member, variables: { input: { pauseId: theirPause.id } } });
    const missingPause = await api.graphql(REMOVE_PAUSE, { token: member, variables: { input: { pauseId: MISSING_ID } } });
    expect(foreignPause).toEqual(missingPause);
    expect(foreignPause.data).toMatchObject({ removeMyPause: { removedPauseId: null, errors: [{ __typename: "NotFound" }] } });

    const foreignMembership = await api.graphql(WITHDRAW, { token: member, variables: { input: { membershipId: theirMembership.id } } });
    const missingMembership = await api.graphql(WITHDRAW, { token: member, variables: { input: { membershipId: MISSING_ID } } });
    expect(foreignMembership).toEqual(missingMembership);

    expect(await prisma().memberPause.count({ where: { id: theirPause.id } })).toBe(1);
    expect((await prisma().membership.findFirstOrThrow({ where: { id: theirMembership.id } })).status).toBe(theirMembership.status);

    const reading = await api.graphql(`query($id: ID!) { member(id: $id) { id pauses { id } } }`, {
      token: member,
      variables: { id: other.id },
    });
    expect(reading.data).toEqual({ member: null });
  });

  it("self-service is for members only", async () => {
    const response = await api.graphql(UPDATE, { token: coordinator, variables: { input: { expectedVersion: 1, familyName: "X" } } });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await api.graphql(MY_MEMBERSHIPS);
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });
});
