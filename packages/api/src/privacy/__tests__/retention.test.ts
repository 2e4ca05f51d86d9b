import type { Database } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevSigningKey, DEV_TOKEN_ISSUER, publicKeySet } from "../../dev/dev-keys.js";
import { createLogger } from "../../logger.js";
import { openTestDatabase } from "../../testing/test-database.js";
import { runRetention } from "../retention.service.js";

// Issue 8 item 3: the retention job anonymises members inactive longer than the tenant's period, logged and audited,
// keeps those with something outstanding, and is idempotent.

let database: Database;
let dispose: () => Promise<void>;
const log = createLogger("silent");
const longAgo = new Date("2022-01-01T00:00:00Z");

async function makeInactive(memberId: string) {
  const prisma = database.prisma;
  await prisma.member.update({
    where: { tenantId_id: { tenantId: await tenantOf(memberId), id: memberId } },
    data: { lastActiveAt: longAgo },
  });
  await prisma.membership.updateMany({
    where: { memberId },
    data: { statusChangedAt: longAgo, lastInvitedAt: null, lastAssignmentAt: null, registeredAt: longAgo },
  });
}

async function tenantOf(memberId: string) {
  return (await database.prisma.member.findFirstOrThrow({ where: { id: memberId }, select: { tenantId: true } })).tenantId;
}

beforeAll(async () => {
  const key = await createDevSigningKey();
  ({ database, dispose } = await openTestDatabase({ seed: { tokenIssuer: DEV_TOKEN_ISSUER, publicKeys: publicKeySet(key) } }));
  await database.prisma.tenant.updateMany({ data: { memberRetentionMonths: null } });
  await database.prisma.tenant.update({ where: { slug: "ostergotland" }, data: { memberRetentionMonths: 24 } });
});

afterAll(async () => {
  await dispose?.();
});

describe("retention job", () => {
  it("anonymises the long inactive, keeps those with unpaid claims, audits each erasure, and is idempotent", async () => {
    const prisma = database.prisma;
    const tenant = await prisma.tenant.findFirstOrThrow({ where: { slug: "ostergotland" } });
    const members = await prisma.member.findMany({
      where: { tenantId: tenant.id, erasedAt: null },
      select: { id: true, _count: { select: { feeClaims: true, assignments: true } } },
      orderBy: { id: "asc" },
    });
    const idle = members.find((member) => member._count.feeClaims === 0 && member._count.assignments === 0);
    const withClaims = members.find((member) => member._count.feeClaims > 0);
    if (!idle || !withClaims) throw new Error("seed has no suitable members");
    await makeInactive(idle.id);
    await makeInactive(withClaims.id);
    await prisma.feeClaim.updateMany({ where: { memberId: withClaims.id }, data: { status: "SUBMITTED" } });
    // Everyone else counts as recently active.
    await prisma.member.updateMany({
      where: { tenantId: tenant.id, id: { notIn: [idle.id, withClaims.id] } },
      data: { lastActiveAt: new Date() },
    });

    const dry = await runRetention(prisma, log, { dryRun: true });
    expect(dry.tenants).toEqual([expect.objectContaining({ tenant: "ostergotland", anonymised: 1, kept: { UNPAID_FEE_CLAIMS: 1 } })]);
    expect(await prisma.member.count({ where: { id: idle.id, erasedAt: { not: null } } })).toBe(0);

    const first = await runRetention(prisma, log);
    expect(first.tenants[0]).toMatchObject({ tenant: "ostergotland", retentionMonths: 24, anonymised: 1 });
    const erased = await prisma.member.findFirstOrThrow({ where: { id: idle.id } });
    expect(erased).toMatchObject({ givenName: "", email: null, phone: null, subject: null });
    expect(erased.erasedAt).not.toBeNull();
    expect(await prisma.member.count({ where: { id: withClaims.id, erasedAt: null } })).toBe(1);
    const audit = await prisma.auditEvent.findMany({ where: { memberId: idle.id, action: "ERASE" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "SYSTEM", subjectType: "Member" });
    expect(audit[0]?.purpose).toContain("24 months");

    const second = await runRetention(prisma, log);
    expect(second.tenants[0]?.anonymised).toBe(0);
    expect(await prisma.auditEvent.count({ where: { memberId: idle.id, action: "ERASE" } })).toBe(1);
  });

  it("deletes participants from outside the pool recorded and carried out before the cutoff, audited, and keeps recent ones", async () => {
    const prisma = database.prisma;
    const tenant = await prisma.tenant.findFirstOrThrow({ where: { slug: "ostergotland" } });
    const request = await prisma.request.findFirstOrThrow({ where: { tenantId: tenant.id }, select: { id: true } });
    await prisma.request.update({ where: { tenantId_id: { tenantId: tenant.id, id: request.id } }, data: { carriedOutAt: longAgo } });
    const staff = await prisma.staffUser.findFirstOrThrow({ where: { tenantId: tenant.id }, select: { id: true } });
    const record = (createdAt: Date) =>
      prisma.outsidePoolParticipant.create({
        data: { tenantId: tenant.id, requestId: request.id, givenName: "Lena", familyName: "Ek", createdById: staff.id, createdAt },
        select: { id: true },
      });
    const old = await record(longAgo);
    const recent = await record(new Date());

    const dry = await runRetention(prisma, log, { dryRun: true });
    expect(dry.tenants[0]?.outsidePoolParticipantsRemoved).toBe(0);
    expect(await prisma.outsidePoolParticipant.count({ where: { id: old.id } })).toBe(1);

    const run = await runRetention(prisma, log);
    expect(run.tenants[0]?.outsidePoolParticipantsRemoved).toBe(1);
    expect(await prisma.outsidePoolParticipant.count({ where: { id: old.id } })).toBe(0);
    expect(await prisma.outsidePoolParticipant.count({ where: { id: recent.id } })).toBe(1);
    const audit = await prisma.auditEvent.findMany({ where: { subjectType: "OutsidePoolParticipant", subjectId: old.id } });
    expect(audit).toMatchObject([{ action: "ERASE", actorType: "SYSTEM" }]);

    expect((await runRetention(prisma, log)).tenants[0]?.outsidePoolParticipantsRemoved).toBe(0);
  });

  it("touches no tenant without a retention period", async () => {
    const prisma = database.prisma;
    const kalmar = await prisma.tenant.findFirstOrThrow({ where: { slug: "kalmar" } });
    await prisma.member.updateMany({ where: { tenantId: kalmar.id }, data: { lastActiveAt: longAgo } });
    const erasedBefore = await prisma.member.count({ where: { tenantId: kalmar.id, erasedAt: { not: null } } });
    const report = await runRetention(prisma, log);
    expect(report.tenants.map((tenant) => tenant.tenant)).toEqual(["ostergotland"]);
    expect(await prisma.member.count({ where: { tenantId: kalmar.id, erasedAt: { not: null } } })).toBe(erasedBefore);
  });
});
