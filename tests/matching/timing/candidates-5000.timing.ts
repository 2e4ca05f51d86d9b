import { randomUUID } from "node:crypto";
import { startTestApi } from "@medverkan/api/testing";
import { sqlStatementCounter } from "@medverkan/database";
import { expect, it } from "vitest";
// The tests package does not depend on the domain package; the measurement reads its source directly.
import { rankCandidates } from "../../../packages/domain/src/matching/candidate-ranking.js";

// A measurement, not a test (issue 10 asks to measure, not to time tests): ranked candidates for a request in a pool
// of 5 000 active members with a history of invitations, assignments and pauses, over HTTP on the embedded database
// (or TEST_DATABASE_URL). Run on its own:
//   pnpm exec vitest run --config tests/matching/timing/vitest.config.ts
// It prints latency percentiles sequentially and with 10 concurrent clients, and the in-memory ranking alone.

const POOL = 5_000;
const OTHER_REQUESTS = 300;

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const summary = (label: string, times: number[]) =>
  `${label}: n=${times.length} p50=${percentile(times, 50).toFixed(1)} ms p95=${percentile(times, 95).toFixed(1)} ms p99=${percentile(times, 99).toFixed(1)} ms`;

it("ranks the top 20 of a 5 000-member pool", { timeout: 900_000 }, async () => {
  const api = await startTestApi();
  try {
    const prisma = api.running.database.prisma;
    const next = random(42);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    const tenant = await prisma.tenant.findFirstOrThrow({ where: { slug: "kalmar" } });
    const tenantId = tenant.id;
    const network = await prisma.network.findFirstOrThrow({ where: { tenantId, slug: "intressebanken" } });
    const target = await prisma.request.findFirstOrThrow({
      where: { tenantId, networkId: network.id, status: "MATCHING" },
      include: { occasions: true },
    });
    const occasion = target.occasions[0];
    if (!occasion) throw new Error("the seeded request has no occasion");
    const tags = (await prisma.experienceTag.findMany({ where: { tenantId }, select: { id: true } })).map((tag) => tag.id);
    const perspectives = [["PATIENT"], ["RELATIVE"], ["SERVICE_USER"], ["PATIENT", "RELATIVE"]] as const;

    const started = performance.now();
    const memberIds = Array.from({ length: POOL }, () => randomUUID());
    for (let i = 0; i < POOL; i += 1000) {
      const chunk = memberIds.slice(i, i + 1000);
      await prisma.member.createMany({
        data: chunk.map((id, index) => ({
          tenantId,
          id,
          givenName: `Syntet${i + index}`,
          familyName: "Pool",
          birthDate: new Date(Date.UTC(1940 + Math.floor(next() * 65), Math.floor(next() * 12), 1 + Math.floor(next() * 28))),
          perspectives: [...pick(perspectives)],
          languages: next() < 0.2 ? ["sv", "en"] : ["sv"],
          municipality: pick(["Kalmar", "Nybro", "Västervik", "Oskarshamn"]),
          accessibilityNeeds: next() < 0.15 ? "Behöver pauser" : null,
        })),
      });
      await prisma.membership.createMany({
        data: chunk.map((memberId) => ({ tenantId, memberId, networkId: network.id, status: "ACTIVE" as const, activatedAt: new Date() })),
      });
      await prisma.memberExperience.createMany({
        data: chunk.flatMap((memberId) =>
          [...new Set([pick(tags), pick(tags), pick(tags)])].map((tagId) => ({ tenantId, memberId, tagId })),
        ),
      });
    }
    await prisma.memberPause.createMany({
      data: memberIds
        .filter(() => next() < 0.05)
        .map((memberId) => ({ tenantId, memberId, startsOn: new Date(occasion.startsAt.getTime() - 5 * 86_400_000), endsOn: null })),
    });

    // Five years of other requests, each with an occasion; some on the target's day, so bookings are found too.
    const { id: _id, occasions: _occasions, answers: _answers, ...template } = target;
    const requests = Array.from({ length: OTHER_REQUESTS }, (_, index) => {
      const submittedAt = new Date(Date.now() - next() * 5 * 365 * 86_400_000);
      return { ...template, id: randomUUID(), status: "FOLLOWED_UP" as const, submittedAt, index };
    });
    await prisma.request.createMany({ data: requests.map(({ index: _index, ...row }) => row) });
    await prisma.occasion.createMany({
      data: requests.map((request) => {
        const startsAt = request.index % 30 === 0 ? occasion.startsAt : new Date(request.submittedAt.getTime() + 14 * 86_400_000);
        return { tenantId, requestId: request.id, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) };
      }),
    });
    const invitations: { id: string; requestId: string; memberId: string; invitedAt: Date; accepted: boolean }[] = [];
    for (const memberId of memberIds) {
      const times = Math.floor(next() * 5);
      const asked = new Set<number>();
      for (let k = 0; k < times; k += 1) asked.add(Math.floor(next() * OTHER_REQUESTS));
      for (const index of asked) {
        const request = requests[index] as (typeof requests)[number];
        invitations.push({ id: randomUUID(), requestId: request.id, memberId, invitedAt: request.submittedAt, accepted: next() < 0.4 });
      }
    }
    for (let i = 0; i < invitations.length; i += 2000) {
      const chunk = invitations.slice(i, i + 2000);
      await prisma.invitation.createMany({
        data: chunk.map((inv) => ({
          tenantId,
          id: inv.id,
          requestId: inv.requestId,
          memberId: inv.memberId,
          status: inv.accepted ? ("ACCEPTED" as const) : ("DECLINED" as const),
          invitedAt: inv.invitedAt,
          expiresAt: new Date(inv.invitedAt.getTime() + 14 * 86_400_000),
          respondedAt: inv.invitedAt,
        })),
      });
      await prisma.assignment.createMany({
        data: chunk
          .filter((inv) => inv.accepted)
          .map((inv) => ({ tenantId, invitationId: inv.id, requestId: inv.requestId, memberId: inv.memberId, createdAt: inv.invitedAt })),
      });
    }
    const loadSeconds = ((performance.now() - started) / 1000).toFixed(1);
    const assignments = invitations.filter((inv) => inv.accepted).length;

    const token = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const query = `query($id: ID!) { requestCandidates(requestId: $id, first: 20) { eligibleCount nodes { rank score member { id givenName } reasons { code points message } } } }`;
    const call = async () => {
      const t0 = performance.now();
      const response = await api.graphql<{ requestCandidates: { eligibleCount: number; nodes: unknown[] } }>(query, {
        token,
        variables: { id: target.id },
      });
      const ms = performance.now() - t0;
      if (!response.data?.requestCandidates) throw new Error(JSON.stringify(response.errors));
      return { ms, result: response.data.requestCandidates };
    };
    console.log(`loaded in ${loadSeconds} s`);
    if (process.env.DIAGNOSE) {
      const repo = await import("../../../packages/api/src/matching/matching.repository.js");
      const { TenantScope } = await import("../../../packages/api/src/context/tenant-scope.js");
      const scope = new TenantScope(prisma, tenantId);
      const steps: [string, (tx: never) => Promise<unknown>][] = [
        ["request", (tx) => repo.findRequestForMatching(tx, tenantId, target.id, "ALL", new Date())],
        [
          "pool",
          (tx) =>
            repo.findCandidatePool(tx, {
              tenantId,
              networkId: network.id,
              timeZone: "Europe/Stockholm",
              today: "2026-11-22",
              windowStart: "2025-11-22",
            }),
        ],
        ["profiles", (tx) => repo.findShortlistProfiles(tx, tenantId, memberIds.slice(0, 20))],
      ];
      for (const [name, step] of steps) {
        const t0 = performance.now();
        const rows = await scope.transaction((tx) => step(tx as never), { timeoutMs: 120_000 });
        console.log(`${name}: ${(performance.now() - t0).toFixed(1)} ms (${Array.isArray(rows) ? rows.length : 1} rows)`);
      }
    }
    for (let i = 0; i < 5; i += 1) console.log(`warm-up ${(await call()).ms.toFixed(1)} ms`);
    const statementsBefore = sqlStatementCounter.count;
    const first = await call();
    const statements = sqlStatementCounter.count - statementsBefore;
    expect(first.result.nodes).toHaveLength(20);
    expect(first.result.eligibleCount).toBeGreaterThan(POOL * 0.9);

    const sequential: number[] = [];
    for (let i = 0; i < 60; i += 1) sequential.push((await call()).ms);

    console.log(summary("sequential", sequential));
    const concurrent: number[] = [];
    const wall0 = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = 0; i < 12; i += 1) concurrent.push((await call()).ms);
      }),
    );
    const wall = (performance.now() - wall0) / 1000;

    // The pure ranking alone, on facts shaped like the pool's.
    const facts = memberIds.map((memberId) => ({
      memberId,
      perspectives: [...pick(perspectives)],
      birthDate: "1970-01-01",
      birthYear: null,
      experienceTagIds: [pick(tags), pick(tags)],
      hasAccessibilityNeeds: false,
      competences: [],
      pauses: [],
      bookedDates: [],
      lastAskedOn: next() < 0.3 ? null : "2026-01-01",
      invitationsInWindow: Math.floor(next() * 3),
      assignmentsInWindow: Math.floor(next() * 2),
      everAssigned: next() < 0.5,
      invitationToRequest: null,
    }));
    const taxonomy = await prisma.experienceTag.findMany({ where: { tenantId }, select: { id: true, parentId: true } });
    const rankTimes: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const t0 = performance.now();
      rankCandidates(
        {
          experienceTagIds: tags.slice(0, 3),
          perspectivesSought: ["RELATIVE", "SERVICE_USER"],
          competencesSought: [],
          occasionDates: ["2026-12-13"],
        },
        facts,
        { today: "2026-11-22", taxonomy, limit: 20 },
      );
      rankTimes.push(performance.now() - t0);
    }

    console.log(
      [
        `pool ${POOL} active members, ${invitations.length} invitations, ${assignments} assignments, ${OTHER_REQUESTS} other requests; loaded in ${loadSeconds} s`,
        `database: ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite (embedded, in memory)"}`,
        `SQL statements per call: ${statements}`,
        summary("requestCandidates(first: 20), sequential", sequential),
        `${summary("requestCandidates(first: 20), 10 concurrent clients", concurrent)} (${(concurrent.length / wall).toFixed(1)} req/s)`,
        summary("rankCandidates alone (domain, 5 000 facts)", rankTimes),
      ].join("\n"),
    );
  } finally {
    await api.stop();
  }
});
