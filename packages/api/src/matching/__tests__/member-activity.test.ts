import { randomUUID } from "node:crypto";
import { type Database, Prisma } from "@medverkan/database";
import { type CandidateFacts, rankCandidates, recentWindowStart } from "@medverkan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TenantScope, type Tx } from "../../context/tenant-scope.js";
import { createDevSigningKey, DEV_TOKEN_ISSUER, publicKeySet } from "../../dev/dev-keys.js";
import { openTestDatabase } from "../../testing/test-database.js";
import { fairnessWindowEdges, findCandidatePool } from "../matching.repository.js";

// The candidate ranking's history facts come from counters kept by triggers (migration
// 20261208140001_member_activity_counters) instead of from the whole history on every request. These tests write a
// seeded, random history through the application role (row-level security on, as the API writes), change it the ways
// the API does (withdrawn invitations, cancelled and reinstated assignments, moved dates), and check that
// - the counters equal what the history says, recomputed here in JavaScript, and
// - the pool's facts, and so the ranking, are exactly those of the query the counters replaced (kept below as the
//   reference), for windows whose first day falls on UTC month edges and in time zones far from UTC.

let database: Database;
let dispose: () => Promise<void>;
let tenantId: string;
let networkId: string;
let scope: TenantScope;

beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase({
    seed: { tokenIssuer: DEV_TOKEN_ISSUER, publicKeys: publicKeySet(await createDevSigningKey()) },
  }));
  const tenant = await database.prisma.tenant.findFirstOrThrow({ where: { slug: "kalmar" } });
  tenantId = tenant.id;
  networkId = (await database.prisma.network.findFirstOrThrow({ where: { tenantId, slug: "intressebanken" } })).id;
  scope = new TenantScope(database.prisma, tenantId);
});

afterAll(async () => {
  await dispose?.();
});

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const DAY = 86_400_000;
const TIME_ZONES = ["Europe/Stockholm", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu"];
/** Days on which the ranking could run: windows beginning on, just before and just after UTC month edges. */
const TODAYS = ["2026-12-07", "2026-03-01", "2026-02-28", "2026-03-31", "2026-10-25", "2027-01-01"];

interface Written {
  invitations: { id: string; requestId: string; memberId: string; invitedAt: Date }[];
  assignments: { id: string; invitationId: string; memberId: string; createdAt: Date; cancelled: boolean }[];
}

/** A random history of invitations and assignments, with many instants around each window's first midnight. */
async function writeHistory(seed: number): Promise<Written> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const requests = (await database.prisma.request.findMany({ where: { tenantId }, select: { id: true } })).map((r) => r.id);
  const members = (
    await database.prisma.membership.findMany({ where: { tenantId, networkId, status: "ACTIVE" }, select: { memberId: true } })
  ).map((m) => m.memberId);
  expect(requests.length).toBeGreaterThan(3);
  expect(members.length).toBeGreaterThan(5);

  const now = Date.parse("2027-01-02T00:00:00Z");
  const instants: Date[] = [];
  for (let n = 0; n < 250; n += 1) instants.push(new Date(now - Math.floor(next() * 3 * 365 * DAY)));
  for (const today of TODAYS) {
    const midnight = Date.parse(`${recentWindowStart(today)}T00:00:00Z`);
    for (let hour = -40; hour <= 40; hour += 5) instants.push(new Date(midnight + hour * 3_600_000 + Math.floor(next() * 60_000)));
  }
  const written: Written = { invitations: [], assignments: [] };
  await scope.transaction(async (tx) => {
    const taken = new Set(
      (await tx.invitation.findMany({ where: { tenantId }, select: { requestId: true, memberId: true } })).map(
        (row) => `${row.requestId}/${row.memberId}`,
      ),
    );
    for (const invitedAt of instants) {
      let requestId = pick(requests);
      let memberId = pick(members);
      for (let tries = 0; taken.has(`${requestId}/${memberId}`) && tries < 50; tries += 1) {
        requestId = pick(requests);
        memberId = pick(members);
      }
      if (taken.has(`${requestId}/${memberId}`)) continue;
      taken.add(`${requestId}/${memberId}`);
      const id = randomUUID();
      await tx.$executeRaw`INSERT INTO "Invitation" ("tenantId", "id", "requestId", "memberId", "invitedAt", "expiresAt")
        VALUES (${tenantId}::uuid, ${id}::uuid, ${requestId}::uuid, ${memberId}::uuid, ${invitedAt}, ${new Date(invitedAt.getTime() + 7 * DAY)})`;
      written.invitations.push({ id, requestId, memberId, invitedAt });
      if (next() < 0.5) {
        const assignmentId = randomUUID();
        const createdAt = new Date(invitedAt.getTime() + Math.floor(next() * 3 * DAY));
        const cancelled = next() < 0.2;
        await tx.$executeRaw`INSERT INTO "Assignment" ("tenantId", "id", "invitationId", "requestId", "memberId", "status", "createdAt")
          VALUES (${tenantId}::uuid, ${assignmentId}::uuid, ${id}::uuid, ${requestId}::uuid, ${memberId}::uuid,
                  ${cancelled ? "CANCELLED" : "CONFIRMED"}::"AssignmentStatus", ${createdAt})`;
        written.assignments.push({ id: assignmentId, invitationId: id, memberId, createdAt, cancelled });
      }
    }
  });
  return written;
}

/** Withdrawn invitations, cancelled, reinstated and removed assignments, moved dates: each in its own transaction. */
async function changeHistory(written: Written, seed: number): Promise<void> {
  const next = random(seed);
  const assigned = new Set(written.assignments.map((a) => a.invitationId));
  const unassigned = written.invitations.filter((i) => !assigned.has(i.id));
  for (const invitation of unassigned.slice(0, 25)) {
    await scope.transaction(
      (tx) => tx.$executeRaw`DELETE FROM "Invitation" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${invitation.id}::uuid`,
    );
  }
  for (const invitation of unassigned.slice(25, 45)) {
    const moved = new Date(invitation.invitedAt.getTime() + Math.floor((next() - 0.5) * 60 * DAY));
    await scope.transaction(
      (tx) =>
        tx.$executeRaw`UPDATE "Invitation" SET "invitedAt" = ${moved} WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${invitation.id}::uuid`,
    );
  }
  const live = written.assignments.filter((a) => !a.cancelled);
  for (const assignment of live.slice(0, 15)) {
    await scope.transaction(
      (tx) => tx.$executeRaw`UPDATE "Assignment" SET "status" = 'CANCELLED', "cancelledAt" = now()
        WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${assignment.id}::uuid`,
    );
  }
  // Reinstated: five of those just cancelled, and five cancelled from the start.
  const reinstated = [...live.slice(0, 5), ...written.assignments.filter((a) => a.cancelled).slice(0, 5)];
  for (const assignment of reinstated) {
    await scope.transaction(
      (tx) => tx.$executeRaw`UPDATE "Assignment" SET "status" = 'CONFIRMED', "cancelledAt" = NULL
        WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${assignment.id}::uuid`,
    );
  }
  // A status change between live ones leaves the counts alone.
  for (const assignment of live.slice(20, 25)) {
    await scope.transaction(
      (tx) =>
        tx.$executeRaw`UPDATE "Assignment" SET "status" = 'CARRIED_OUT' WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${assignment.id}::uuid`,
    );
  }
  for (const assignment of live.slice(25, 35)) {
    const moved = new Date(assignment.createdAt.getTime() + Math.floor((next() - 0.5) * 90 * DAY));
    await scope.transaction(
      (tx) =>
        tx.$executeRaw`UPDATE "Assignment" SET "createdAt" = ${moved} WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${assignment.id}::uuid`,
    );
  }
  // Removed with its invitation (an assignment must go first: it refers to the invitation).
  for (const assignment of written.assignments.slice(-8)) {
    await scope.transaction(async (tx) => {
      await tx.$executeRaw`DELETE FROM "Assignment" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${assignment.id}::uuid`;
      await tx.$executeRaw`DELETE FROM "Invitation" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${assignment.invitationId}::uuid`;
    });
  }
}

const utcMonth = (instant: Date) => instant.toISOString().slice(0, 7);

/** The counters as the history says they should be, recomputed here from every invitation and assignment. */
async function expectedCounters() {
  const [invitations, assignments] = await Promise.all([
    database.prisma.invitation.findMany({ where: { tenantId }, select: { memberId: true, invitedAt: true } }),
    database.prisma.assignment.findMany({ where: { tenantId, status: { not: "CANCELLED" } }, select: { memberId: true, createdAt: true } }),
  ]);
  const members = new Map<string, { lastInvitedAt: string | null; liveAssignments: number }>();
  const months = new Map<string, { invitations: number; liveAssignments: number }>();
  const member = (id: string) => {
    const entry = members.get(id) ?? { lastInvitedAt: null, liveAssignments: 0 };
    members.set(id, entry);
    return entry;
  };
  const month = (key: string) => {
    const entry = months.get(key) ?? { invitations: 0, liveAssignments: 0 };
    months.set(key, entry);
    return entry;
  };
  for (const row of invitations) {
    const entry = member(row.memberId);
    const at = row.invitedAt.toISOString();
    if (entry.lastInvitedAt === null || at > entry.lastInvitedAt) entry.lastInvitedAt = at;
    month(`${row.memberId}/${utcMonth(row.invitedAt)}`).invitations += 1;
  }
  for (const row of assignments) {
    member(row.memberId).liveAssignments += 1;
    month(`${row.memberId}/${utcMonth(row.createdAt)}`).liveAssignments += 1;
  }
  return { members: Object.fromEntries(members), months: Object.fromEntries(months) };
}

/** The counters as the triggers kept them, read through row-level security; rows counting nothing left out. */
async function storedCounters() {
  return scope.transaction(async (tx) => {
    const members = await tx.memberActivity.findMany({ where: { tenantId } });
    const months = await tx.memberActivityMonth.findMany({ where: { tenantId } });
    return {
      members: Object.fromEntries(
        members
          .filter((row) => row.lastInvitedAt !== null || row.liveAssignments !== 0)
          .map((row) => [row.memberId, { lastInvitedAt: row.lastInvitedAt?.toISOString() ?? null, liveAssignments: row.liveAssignments }]),
      ),
      months: Object.fromEntries(
        months
          .filter((row) => row.invitations !== 0 || row.liveAssignments !== 0)
          .map((row) => [
            `${row.memberId}/${row.month.toISOString().slice(0, 7)}`,
            { invitations: row.invitations, liveAssignments: row.liveAssignments },
          ]),
      ),
    };
  });
}

type History = Pick<CandidateFacts, "lastAskedOn" | "invitationsInWindow" | "everAssigned" | "assignmentsInWindow">;

/**
 * The history facts as the ranking read them before the counters (findPoolCandidates until migration 20261208140001):
 * the tenant's every invitation and assignment aggregated per member on each request.
 */
async function referenceHistory(tx: Tx, timeZone: string, windowStart: string): Promise<Map<string, History>> {
  const windowMidnightUtc = Date.parse(`${windowStart}T00:00:00Z`);
  const surelyIn = new Date(windowMidnightUtc + DAY).toISOString();
  const surelyOut = new Date(windowMidnightUtc - DAY).toISOString();
  const inWindow = (column: Prisma.Sql) =>
    Prisma.sql`(${column} >= ${surelyIn}::timestamptz OR (${column} >= ${surelyOut}::timestamptz
      AND timezone(${timeZone}::text, ${column})::date >= ${windowStart}::date))`;
  const invited = await tx.$queryRaw<{ memberId: string; lastOn: string; inWindow: number }[]>`
    SELECT i."memberId"::text AS "memberId", timezone(${timeZone}::text, max(i."invitedAt"))::date::text AS "lastOn",
           (count(*) FILTER (WHERE ${inWindow(Prisma.sql`i."invitedAt"`)}))::int AS "inWindow"
      FROM "Invitation" i WHERE i."tenantId" = ${tenantId}::uuid GROUP BY i."memberId"`;
  const assigned = await tx.$queryRaw<{ memberId: string; inWindow: number }[]>`
    SELECT a."memberId"::text AS "memberId", (count(*) FILTER (WHERE ${inWindow(Prisma.sql`a."createdAt"`)}))::int AS "inWindow"
      FROM "Assignment" a WHERE a."tenantId" = ${tenantId}::uuid AND a."status" <> 'CANCELLED' GROUP BY a."memberId"`;
  const facts = new Map<string, History>();
  const entry = (id: string) => {
    const found = facts.get(id) ?? { lastAskedOn: null, invitationsInWindow: 0, everAssigned: false, assignmentsInWindow: 0 };
    facts.set(id, found);
    return found;
  };
  for (const row of invited) Object.assign(entry(row.memberId), { lastAskedOn: row.lastOn, invitationsInWindow: row.inWindow });
  for (const row of assigned) Object.assign(entry(row.memberId), { everAssigned: true, assignmentsInWindow: row.inWindow });
  return facts;
}

async function compareWithReference(): Promise<number> {
  let compared = 0;
  for (const timeZone of TIME_ZONES) {
    for (const today of TODAYS) {
      const windowStart = recentWindowStart(today);
      const { pool, reference } = await scope.transaction(async (tx) => ({
        pool: (await findCandidatePool(tx, { tenantId, networkId, timeZone, today, windowStart })).map((member) => ({
          ...member,
          invitationToRequest: null,
          bookedDates: [],
        })),
        reference: await referenceHistory(tx, timeZone, windowStart),
      }));
      const none: History = { lastAskedOn: null, invitationsInWindow: 0, everAssigned: false, assignmentsInWindow: 0 };
      const got = pool.map(({ memberId, lastAskedOn, invitationsInWindow, everAssigned, assignmentsInWindow }) => ({
        memberId,
        lastAskedOn,
        invitationsInWindow,
        everAssigned,
        assignmentsInWindow,
      }));
      const want = pool.map(({ memberId }) => ({ memberId, ...(reference.get(memberId) ?? none) }));
      expect(got, `${timeZone}, today ${today}`).toEqual(want);
      // And so the same ranking, scores and reasons included.
      const withReference = pool.map((facts) => ({ ...facts, ...(reference.get(facts.memberId) ?? none) }));
      const options = { today, taxonomy: [], limit: 20 };
      const matching = { experienceTagIds: [], perspectivesSought: [], competencesSought: [], occasionDates: [] };
      expect(rankCandidates(matching, pool, options)).toEqual(rankCandidates(matching, withReference, options));
      compared += pool.filter((facts) => facts.invitationsInWindow > 0 || facts.assignmentsInWindow > 0).length;
    }
  }
  return compared;
}

describe("member activity counters", () => {
  it("puts every window's first days before, on or after a UTC month edge", () => {
    expect(fairnessWindowEdges("2026-03-01")).toEqual({
      surelyOut: "2026-02-28T00:00:00.000Z",
      surelyIn: "2026-03-02T00:00:00.000Z",
      firstWholeMonth: "2026-04-01T00:00:00.000Z",
    });
    expect(fairnessWindowEdges("2026-02-28").firstWholeMonth).toBe("2026-03-01T00:00:00.000Z");
    expect(fairnessWindowEdges("2025-12-31").firstWholeMonth).toBe("2026-01-01T00:00:00.000Z");
  });

  it("are backfilled by the migration and kept by the triggers as invitations and assignments are written", async () => {
    // The seed's invitations and assignments were written after the migration, through the triggers.
    expect(await storedCounters()).toEqual(await expectedCounters());
    const written = await writeHistory(7);
    expect(written.invitations.length).toBeGreaterThan(150);
    expect(await storedCounters()).toEqual(await expectedCounters());
    await changeHistory(written, 11);
    expect(await storedCounters()).toEqual(await expectedCounters());
  });

  it("give the pool the same history facts and ranking as aggregating the whole history did", async () => {
    expect(await compareWithReference()).toBeGreaterThan(100);
  });

  it("are rebuilt from the history exactly as the triggers keep them (the backfill, and the bench generator's load)", async () => {
    const before = await storedCounters();
    await database.prisma.$executeRaw`SELECT "rebuild_member_activity"()`;
    expect(await storedCounters()).toEqual(before);
  });

  it("forget the last invitation when every invitation of the member is withdrawn", async () => {
    const { memberId } = await database.prisma.memberActivity.findFirstOrThrow({
      where: {
        tenantId,
        lastInvitedAt: { not: null },
        member: { assignments: { every: { attendances: { none: {} }, feeClaims: { none: {} }, feedback: { none: {} } } } },
      },
    });
    await scope.transaction(async (tx) => {
      await tx.$executeRaw`DELETE FROM "Assignment" WHERE "tenantId" = ${tenantId}::uuid AND "memberId" = ${memberId}::uuid`;
      await tx.$executeRaw`DELETE FROM "Invitation" WHERE "tenantId" = ${tenantId}::uuid AND "memberId" = ${memberId}::uuid`;
    });
    const after = await database.prisma.memberActivity.findUniqueOrThrow({ where: { tenantId_memberId: { tenantId, memberId } } });
    expect(after.lastInvitedAt).toBeNull();
    expect(await storedCounters()).toEqual(await expectedCounters());
  });
});
