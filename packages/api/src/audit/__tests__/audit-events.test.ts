import type { Database } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/test-database.js";
import { type AuditEventRow, insertAuditEvents } from "../audit.repository.js";
import { newAuditEventId } from "../audit-event-id.js";

// Audit events are inserted in one raw statement (issue 10) instead of Prisma's `createMany`; what lands in the table
// must be what `createMany` wrote: the same columns, a UUID v7 id, one timestamp for the batch, the details as JSON.

let database: Database;
let dispose: () => Promise<void>;
let tenantId: string;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase());
  const tenant = await database.prisma.tenant.create({
    data: { slug: "audit-insert", name: "Audit", tokenIssuer: "iss", tokenAudience: "aud-audit-insert" },
  });
  tenantId = tenant.id;
});

afterAll(async () => {
  await dispose?.();
});

const columns = {
  actorType: true,
  actorId: true,
  actorRole: true,
  actorUnitId: true,
  action: true,
  subjectType: true,
  subjectId: true,
  memberId: true,
  purpose: true,
  details: true,
} as const;

function events(purpose: string): AuditEventRow[] {
  const member = "01a1f955-3552-7269-960b-e435231fb97e";
  return [
    {
      tenantId,
      actorType: "STAFF",
      actorId: "01a1f955-3552-7269-960b-000000000001",
      actorRole: "COORDINATOR,REQUESTER",
      actorUnitId: "01a1f955-3552-7269-960b-000000000002",
      action: "READ",
      subjectType: "Member",
      subjectId: member,
      memberId: member,
      purpose,
      details: { requestId: "r", nested: { list: [1, "två", null, true], quote: 'a "b" \\ c' }, empty: {} },
    },
    { tenantId, actorType: "SYSTEM", action: "ERASE", subjectType: "Member", purpose },
    { tenantId, actorType: "MEMBER", actorId: member, action: "WRITE", subjectType: "Invitation", subjectId: "x", purpose, details: [] },
  ];
}

describe("insertAuditEvents", () => {
  it("stores what Prisma's createMany stored, column by column", async () => {
    await database.prisma.auditEvent.createMany({ data: events("through createMany") });
    await database.prisma.$transaction((tx) => insertAuditEvents(tx, events("through insertAuditEvents")));
    const read = (purpose: string) =>
      database.prisma.auditEvent.findMany({ where: { tenantId, purpose }, orderBy: { id: "asc" }, select: columns });
    const viaPrisma = await read("through createMany");
    const viaSql = await read("through insertAuditEvents");
    expect(viaSql).toHaveLength(3);
    expect(viaSql.map((row) => ({ ...row, purpose: null }))).toEqual(viaPrisma.map((row) => ({ ...row, purpose: null })));
    expect(viaSql[1]).toMatchObject({ actorId: null, actorRole: null, subjectId: null, memberId: null, details: null });
  });

  it("gives each event a UUID v7 in recording order and the batch one timestamp of the time of writing", async () => {
    const before = Date.now();
    const batch = Array.from(
      { length: 300 },
      (_, index): AuditEventRow => ({
        tenantId,
        actorType: "SYSTEM",
        action: "READ",
        subjectType: "Batch",
        subjectId: String(index).padStart(3, "0"),
        purpose: "ordered batch",
      }),
    );
    await database.prisma.$transaction((tx) => insertAuditEvents(tx, batch));
    const rows = await database.prisma.auditEvent.findMany({
      where: { tenantId, purpose: "ordered batch" },
      orderBy: { id: "asc" },
      select: { id: true, at: true, subjectId: true, details: true },
    });
    expect(rows.map((row) => row.subjectId)).toEqual(batch.map((row) => row.subjectId));
    expect(rows.every((row) => UUID_V7.test(row.id))).toBe(true);
    expect(new Set(rows.map((row) => row.at.getTime())).size).toBe(1);
    const at = rows[0]?.at.getTime() ?? 0;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(Number.parseInt((rows[0]?.id ?? "").replaceAll("-", "").slice(0, 12), 16)).toBe(at);
    expect(rows.every((row) => row.details === null)).toBe(true);
  });

  it("keeps an id and a timestamp the row brings", async () => {
    const id = newAuditEventId();
    const at = new Date("2026-03-04T05:06:07.089Z");
    await database.prisma.$transaction((tx) =>
      insertAuditEvents(tx, [{ tenantId, id, at, actorType: "SYSTEM", action: "READ", subjectType: "Given", purpose: "given" }]),
    );
    const row = await database.prisma.auditEvent.findFirst({ where: { tenantId, purpose: "given" }, select: { id: true, at: true } });
    expect(row).toEqual({ id, at });
  });
});

describe("newAuditEventId", () => {
  it("is a UUID v7 carrying the millisecond it was taken", () => {
    const now = Date.UTC(2031, 10, 22, 12, 0, 0, 123); // later than any id taken before in this process
    const id = newAuditEventId(now);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(now);
  });

  it("keeps increasing within one millisecond and when the clock steps back", () => {
    const now = Date.UTC(2032, 0, 1);
    const ids = [
      ...Array.from({ length: 1000 }, () => newAuditEventId(now)),
      ...Array.from({ length: 10 }, () => newAuditEventId(now - 5)),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
