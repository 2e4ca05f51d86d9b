import { randomUUID } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { sqlStatementCounter } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";

// Issue 5 item 2: ranked candidates for a request. The seeded Peer request in Jönköping (a peer story at an
// introduction course, MATCHING, two members asked and one who declined) is matched against the Peer pool; members
// are added or changed directly in the database to put one fact at a time to the test. Every expectation about who
// may appear is computed here from the rows, independently of the API.

const CANDIDATES = /* GraphQL */ `
  query Candidates($requestId: ID!, $first: Int, $filter: CandidateFilterInput) {
    requestCandidates(requestId: $requestId, first: $first, filter: $filter) {
      requestId
      matchingOpen
      eligibleCount
      excluded { code count message }
      nodes {
        rank
        score
        ageBand
        reasons { code points message messageSv messageEn }
        member { id givenName perspectives ageBand memberships { status network { id } } }
      }
    }
  }
`;

interface Reason {
  code: string;
  points: number;
  message: string;
  messageSv: string;
  messageEn: string;
}
interface Candidate {
  rank: number;
  score: number;
  ageBand: string | null;
  reasons: Reason[];
  member: {
    id: string;
    givenName: string;
    perspectives: string[];
    ageBand: string | null;
    memberships: { status: string; network: { id: string } }[];
  };
}
interface Candidates {
  requestId: string;
  matchingOpen: boolean;
  eligibleCount: number;
  excluded: { code: string; count: number; message: string }[];
  nodes: Candidate[];
}

let api: TestApi;
let peerCoordinator: string;
let levandeCoordinator: string;
let tenantId: string;
let peerId: string;
let requestId: string;
let occasionDays: string[];

const stockholmDay = (at: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(at);
const prisma = () => api.running.database.prisma;

async function candidates(token: string, variables: Record<string, unknown> = {}) {
  return api.graphql<{ requestCandidates: Candidates | null }>(CANDIDATES, { token, variables: { requestId, first: 100, ...variables } });
}

async function shortlist(variables: Record<string, unknown> = {}): Promise<Candidates> {
  const response = await candidates(peerCoordinator, variables);
  if (!response.data?.requestCandidates) throw new Error(JSON.stringify(response.errors ?? response.data));
  return response.data.requestCandidates;
}

/** Who may be proposed for the request, from the rows: active in Peer, not restricted or erased, not yet invited, not paused on every occasion. */
async function expectedEligible(): Promise<string[]> {
  const memberships = await prisma().membership.findMany({
    where: { tenantId, networkId: peerId, status: "ACTIVE", member: { restrictedAt: null, erasedAt: null } },
    select: { memberId: true, member: { select: { pauses: true } } },
  });
  const invited = new Set(
    (await prisma().invitation.findMany({ where: { tenantId, requestId }, select: { memberId: true } })).map((row) => row.memberId),
  );
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return memberships
    .filter((ms) => !invited.has(ms.memberId))
    .filter(
      (ms) =>
        !occasionDays.every((d) =>
          ms.member.pauses.some((pause) => d >= day(pause.startsOn) && (pause.endsOn === null || d <= day(pause.endsOn))),
        ),
    )
    .map((ms) => ms.memberId)
    .sort();
}

/** A new active Peer member with the given facts, never asked. */
async function addPeerMember(
  name: string,
  facts: { tags: string[]; perspectives: ("PATIENT" | "RELATIVE")[]; birthDate: string; competences?: string[] },
) {
  const id = randomUUID();
  const tags = await prisma().experienceTag.findMany({ where: { tenantId, key: { in: facts.tags } }, select: { id: true } });
  await prisma().member.create({
    data: {
      tenantId,
      id,
      givenName: name,
      familyName: "Testsson",
      birthDate: new Date(`${facts.birthDate}T00:00:00Z`),
      perspectives: facts.perspectives,
      languages: ["sv"],
      competences: facts.competences ?? [],
    },
  });
  await prisma().memberExperience.createMany({ data: tags.map((tag) => ({ tenantId, memberId: id, tagId: tag.id })) });
  await prisma().membership.create({ data: { tenantId, memberId: id, networkId: peerId, status: "ACTIVE", activatedAt: new Date() } });
  return id;
}

beforeAll(async () => {
  api = await startTestApi();
  peerCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  levandeCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  const tenant = await prisma().tenant.findFirstOrThrow({ where: { slug: "jonkoping" } });
  tenantId = tenant.id;
  peerId = (await prisma().network.findFirstOrThrow({ where: { tenantId, slug: "peer" } })).id;
  const request = await prisma().request.findFirstOrThrow({
    where: { tenantId, networkId: peerId, status: "MATCHING" },
    include: { occasions: true },
  });
  requestId = request.id;
  occasionDays = request.occasions.filter((o) => o.cancelledAt === null && o.endsAt > new Date()).map((o) => stockholmDay(o.startsAt));
  expect(occasionDays.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await api?.stop();
});

describe("ranked candidates for a request", () => {
  it("ranks the network's eligible pool with the reasons for each rank, in both languages", async () => {
    const result = await shortlist();
    expect(result).toMatchObject({ requestId, matchingOpen: true });
    const want = await expectedEligible();
    expect(want.length).toBeGreaterThan(5);
    expect(result.eligibleCount).toBe(want.length);
    expect(result.nodes.map((node) => node.member.id).sort()).toEqual(want);
    expect(result.nodes.map((node) => node.rank)).toEqual(want.map((_, index) => index + 1));
    for (const [index, node] of result.nodes.entries()) {
      expect(node.score).toBe(node.reasons.reduce((sum, reason) => sum + reason.points, 0));
      if (index > 0) expect(node.score).toBeLessThanOrEqual(result.nodes[index - 1]?.score ?? 0);
      expect(node.member.memberships.some((ms) => ms.network.id === peerId && ms.status === "ACTIVE")).toBe(true);
      expect(node.ageBand).toBe(node.member.ageBand);
      for (const reason of node.reasons) {
        expect(reason.messageSv).not.toBe("");
        expect(reason.messageEn).not.toBe("");
        expect(reason.message).toBe(reason.messageSv);
      }
      // The request seeks three experiences: every candidate is told how many they have.
      expect(node.reasons.find((r) => r.code === "EXPERIENCE_MATCH" || r.code === "EXPERIENCE_NONE")?.messageEn).toMatch(
        / of (the )?3 experiences sought/,
      );
    }
    // The two asked and the one who declined are left out, and counted.
    const invitations = await prisma().invitation.findMany({ where: { tenantId, requestId }, select: { status: true } });
    const declined = invitations.filter((i) => i.status === "DECLINED").length;
    expect(declined).toBeGreaterThan(0);
    expect(result.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "DECLINED_THIS_REQUEST", count: declined }),
        expect.objectContaining({ code: "ALREADY_INVITED", count: invitations.length - declined }),
      ]),
    );
  });

  it("answers in English when asked to, and audits every member it returns", async () => {
    const before = await prisma().auditEvent.count({ where: { action: "READ", subjectType: "Member", purpose: "request candidates" } });
    const response = await api.graphql<{ requestCandidates: Candidates }>(CANDIDATES, {
      token: peerCoordinator,
      variables: { requestId, first: 5 },
      headers: { "accept-language": "en" },
    });
    const nodes = response.data?.requestCandidates.nodes ?? [];
    expect(nodes).toHaveLength(5);
    for (const reason of nodes.flatMap((node) => node.reasons)) expect(reason.message).toBe(reason.messageEn);
    const events = await prisma().auditEvent.findMany({
      where: { action: "READ", subjectType: "Member", purpose: "request candidates" },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: 5,
    });
    expect(await prisma().auditEvent.count({ where: { action: "READ", subjectType: "Member", purpose: "request candidates" } })).toBe(
      before + 5,
    );
    expect(events.map((event) => event.subjectId).sort()).toEqual(nodes.map((node) => node.member.id).sort());
    for (const event of events) expect(event).toMatchObject({ actorType: "STAFF", details: { criteria: { requestId, first: 5 } } });
  });

  it("puts a member with a perfect fit above one without the experience sought", async () => {
    const fit = await addPeerMember("Passar", {
      tags: ["depression", "angest", "bipolar"],
      perspectives: ["PATIENT"],
      birthDate: "1980-04-02",
    });
    const none = await addPeerMember("Passarinte", { tags: [], perspectives: ["PATIENT"], birthDate: "1980-04-02" });
    const nodes = (await shortlist()).nodes;
    const rankOf = (id: string) => nodes.find((node) => node.member.id === id);
    expect(rankOf(fit)?.rank).toBeLessThan(rankOf(none)?.rank ?? 0);
    expect(rankOf(fit)?.reasons.find((r) => r.code === "EXPERIENCE_MATCH")).toMatchObject({
      points: 50,
      messageEn: "Matches 3 of 3 experiences sought",
    });
    expect(rankOf(none)?.reasons.find((r) => r.code === "EXPERIENCE_NONE")).toMatchObject({ points: 0 });
  });

  it("ranks a member with the competence the unit asks for above an equal one without it, and says why", async () => {
    const facts = { tags: ["depression"], perspectives: ["PATIENT" as const], birthDate: "1975-03-03" };
    const speaker = await addPeerMember("Talare", { ...facts, competences: ["Van att tala inför grupp", "Pedagog"] });
    const quiet = await addPeerMember("Tystlaten", { ...facts, competences: ["Ekonomi"] });
    await prisma().request.update({
      where: { tenantId_id: { tenantId, id: requestId } },
      data: { competencesSought: ["tala inför grupp"] },
    });
    try {
      const nodes = (await shortlist()).nodes;
      const speakerNode = nodes.find((node) => node.member.id === speaker);
      const quietNode = nodes.find((node) => node.member.id === quiet);
      expect(speakerNode?.rank).toBeLessThan(quietNode?.rank ?? 0);
      expect(speakerNode?.reasons.find((r) => r.code === "COMPETENCE_MATCH")).toMatchObject({
        points: 15,
        messageSv: "Har 1 av 1 efterfrågade kompetenser: tala inför grupp",
      });
      expect(quietNode?.reasons.find((r) => r.code === "COMPETENCE_NONE")).toMatchObject({
        points: 0,
        messageEn: "None of the competences sought (tala inför grupp)",
      });
    } finally {
      await prisma().request.update({ where: { tenantId_id: { tenantId, id: requestId } }, data: { competencesSought: [] } });
    }
    // Nothing sought, nothing said about competence.
    const after = (await shortlist()).nodes.find((node) => node.member.id === speaker);
    expect(after?.reasons.some((r) => r.code.startsWith("COMPETENCE"))).toBe(false);
  });

  it("raises a never-asked member above an equally fitting member who is used often", async () => {
    const facts = { tags: ["depression", "angest"], perspectives: ["RELATIVE" as const], birthDate: "1994-09-15" };
    const fresh = await addPeerMember("Ny", facts);
    const busy = await addPeerMember("Upptagen", facts);
    // Three other requests of the tenant in the last months: asked and taking part each time.
    const others = await prisma().request.findMany({ where: { tenantId, id: { not: requestId } }, select: { id: true }, take: 3 });
    for (const [index, other] of others.entries()) {
      const invitedAt = new Date(Date.now() - (index + 1) * 30 * 86_400_000);
      const invitation = await prisma().invitation.create({
        data: {
          tenantId,
          requestId: other.id,
          memberId: busy,
          status: "ACCEPTED",
          invitedAt,
          expiresAt: invitedAt,
          respondedAt: invitedAt,
        },
      });
      await prisma().assignment.create({
        data: { tenantId, invitationId: invitation.id, requestId: other.id, memberId: busy, createdAt: invitedAt },
      });
    }
    const nodes = (await shortlist()).nodes;
    const freshNode = nodes.find((node) => node.member.id === fresh);
    const busyNode = nodes.find((node) => node.member.id === busy);
    expect(freshNode?.rank).toBeLessThan(busyNode?.rank ?? 0);
    expect(freshNode?.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["NEVER_ASKED", "NEVER_ASSIGNED"]));
    expect(busyNode?.reasons.find((r) => r.code === "RECENT_ASSIGNMENTS")).toMatchObject({
      points: -15,
      messageEn: "3 assignments in the last 12 months",
      messageSv: "3 uppdrag de senaste 12 månaderna",
    });
    expect(busyNode?.reasons.find((r) => r.code === "LAST_ASKED")?.messageEn).toMatch(/^Last asked \d+ days ago$/);
  });

  it("gives the same shortlist on the request itself", async () => {
    const response = await api.graphql<{ request: { id: string; candidates: Candidates | null } | null }>(
      `query($id: ID!) { request(id: $id) { id candidates(first: 4) { matchingOpen nodes { rank score member { id } } } } }`,
      { token: peerCoordinator, variables: { id: requestId } },
    );
    expect(response.errors).toBeUndefined();
    const direct = await shortlist({ first: 4 });
    expect(response.data?.request?.candidates?.nodes.map((node) => [node.rank, node.score, node.member.id])).toEqual(
      direct.nodes.map((node) => [node.rank, node.score, node.member.id]),
    );
  });

  it("sends the same number of SQL statements whatever the shortlist's length or the pool's size", async () => {
    const statements = async (first: number) => {
      const before = sqlStatementCounter.count;
      await shortlist({ first });
      return sqlStatementCounter.count - before;
    };
    await shortlist({ first: 2 });
    // The pool is remembered under its version now: a repeat reads the request, its own facts and the shortlist.
    const repeat = await statements(2);
    expect(repeat).toBeGreaterThan(4);
    expect(await statements(40)).toBe(repeat);
    for (let i = 0; i < 12; i += 1) {
      await addPeerMember(`Fler${i}`, { tags: ["angest"], perspectives: ["PATIENT"], birthDate: `19${50 + i}-01-01` });
    }
    // The pool changed: read once more, in one statement however large it has grown, then remembered again.
    expect(await statements(40)).toBe(repeat + 1);
    expect(await statements(40)).toBe(repeat);
  });

  it("narrows with the pool search's profile filters and explains a bad one", async () => {
    const relatives = await shortlist({ filter: { perspectives: ["RELATIVE"] } });
    expect(relatives.nodes.length).toBeGreaterThan(0);
    expect(relatives.nodes.length).toBeLessThan((await expectedEligible()).length);
    for (const node of relatives.nodes) expect(node.member.perspectives).toContain("RELATIVE");
    const band = await shortlist({ filter: { ageBands: ["AGE_30_49"] } });
    for (const node of band.nodes) expect(node.member.ageBand).toBe("AGE_30_49");

    const bad = await candidates(peerCoordinator, { filter: { ageBands: ["OLD"] } });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const tooMany = await candidates(peerCoordinator, { first: 101 });
    expect(fieldErrors(tooMany).map((error) => [error.field, error.code])).toEqual([["first", "OUT_OF_RANGE"]]);
    expect(fieldErrors(tooMany)[0]?.messages.sv).toBeTruthy();
  });
});

describe("who never appears", () => {
  it("leaves out restricted, erased, paused, withdrawn and declined members, and those paused on every occasion", async () => {
    const before = await shortlist();
    const ids = before.nodes.map((node) => node.member.id);
    const [restricted, erased, pausedStatus, withdrawn, pausedOnOccasion] = ids.slice(0, 5) as [string, string, string, string, string];
    await prisma().member.update({ where: { tenantId_id: { tenantId, id: restricted } }, data: { restrictedAt: new Date() } });
    await prisma().member.update({ where: { tenantId_id: { tenantId, id: erased } }, data: { erasedAt: new Date() } });
    for (const [id, status] of [
      [pausedStatus, "PAUSED"],
      [withdrawn, "WITHDRAWN"],
    ] as const) {
      await prisma().membership.update({
        where: { tenantId_memberId_networkId: { tenantId, memberId: id, networkId: peerId } },
        data: { status },
      });
    }
    const first = [...occasionDays].sort()[0] as string;
    const last = [...occasionDays].sort().at(-1) as string;
    await prisma().memberPause.create({
      data: { tenantId, memberId: pausedOnOccasion, startsOn: new Date(`${first}T00:00:00Z`), endsOn: new Date(`${last}T00:00:00Z`) },
    });

    const after = await shortlist();
    const left = after.nodes.map((node) => node.member.id);
    for (const id of [restricted, erased, pausedStatus, withdrawn, pausedOnOccasion]) expect(left).not.toContain(id);
    expect(after.eligibleCount).toBe(before.eligibleCount - 5);
    expect([...left].sort()).toEqual(await expectedEligible());
    expect(after.excluded.find((entry) => entry.code === "PAUSED_ON_ALL_OCCASIONS")?.count).toBeGreaterThanOrEqual(1);
    const declined = await prisma().invitation.findMany({ where: { tenantId, requestId, status: "DECLINED" }, select: { memberId: true } });
    for (const { memberId } of declined) expect(left).not.toContain(memberId);
  });
});

describe("who may ask", () => {
  it("shows nothing to a coordinator of another network or tenant, or for a request that does not exist", async () => {
    const other = await candidates(levandeCoordinator);
    expect(other.errors).toBeUndefined();
    expect(other.data?.requestCandidates).toBeNull();
    const kalmar = await candidates(await api.tokenFor({ tenant: "kalmar", role: "coordinator" }));
    expect(kalmar.errors).toBeUndefined();
    expect(kalmar.data?.requestCandidates).toBeNull();
    for (const id of [randomUUID(), "not-an-id"]) {
      const missing = await candidates(peerCoordinator, { requestId: id });
      expect(missing.errors).toBeUndefined();
      expect(missing.data?.requestCandidates).toBeNull();
    }
  });

  it("refuses requesters, analysts, members and anonymous callers", async () => {
    for (const role of ["requester", "analyst", "member", "tenant-admin"]) {
      const response = await candidates(await api.tokenFor({ tenant: "jonkoping", role }));
      expect({ role, code: response.errors?.[0]?.extensions?.code }).toEqual({ role, code: "FORBIDDEN" });
      expect(response.data?.requestCandidates ?? null).toBeNull();
    }
    const anonymous = await api.graphql(CANDIDATES, { variables: { requestId, first: 5 } });
    expect(["FORBIDDEN", "UNAUTHENTICATED"]).toContain(anonymous.errors?.[0]?.extensions?.code);
  });

  it("proposes nobody for a closed request", async () => {
    const closed = await prisma().request.findFirstOrThrow({
      where: { tenantId, status: { in: ["DECLINED", "CANCELLED", "FOLLOWED_UP"] } },
    });
    const token =
      (await prisma().network.findFirstOrThrow({ where: { id: closed.networkId } })).slug === "peer" ? peerCoordinator : levandeCoordinator;
    const response = await candidates(token, { requestId: closed.id });
    expect(response.data?.requestCandidates).toMatchObject({ requestId: closed.id, matchingOpen: false, nodes: [], eligibleCount: 0 });
  });
});
