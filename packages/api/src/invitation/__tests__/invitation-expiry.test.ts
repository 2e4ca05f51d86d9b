import type { Database } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevSigningKey, DEV_TOKEN_ISSUER, publicKeySet } from "../../dev/dev-keys.js";
import { openTestDatabase } from "../../testing/test-database.js";
import { expireInvitations } from "../invitation-expiry.service.js";

// The scheduler's side of invitation expiry: every tenant's lapsed invitations are written EXPIRED, through the
// application role under row-level security, and running it again changes nothing.

let database: Database;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase({
    seed: { tokenIssuer: DEV_TOKEN_ISSUER, publicKeys: publicKeySet(await createDevSigningKey()) },
  }));
});

afterAll(async () => {
  await dispose?.();
});

describe("expireInvitations", () => {
  it("expires exactly the unanswered invitations past their answer time, in every tenant, idempotently", async () => {
    const prisma = database.prisma;
    const now = new Date();
    const pending = await prisma.invitation.findMany({ where: { status: "PENDING" }, select: { id: true, tenantId: true } });
    const tenants = [...new Set(pending.map((row) => row.tenantId))];
    expect(tenants.length).toBeGreaterThan(1);
    // One lapsed invitation in each of two tenants; the rest are still open.
    const lapsed = tenants.slice(0, 2).map((tenantId) => pending.find((row) => row.tenantId === tenantId)?.id as string);
    await prisma.invitation.updateMany({ where: { id: { in: lapsed } }, data: { expiresAt: new Date(now.getTime() - 1000) } });
    const answered = await prisma.invitation.findFirstOrThrow({ where: { status: "ACCEPTED" } });
    await prisma.invitation.updateMany({ where: { id: answered.id }, data: { expiresAt: new Date(now.getTime() - 1000) } });

    expect(await expireInvitations(prisma, now)).toBe(2);
    const after = await prisma.invitation.findMany({ where: { id: { in: [...lapsed, answered.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(after.map((row) => [row.id, row.status]))).toEqual({
      [lapsed[0] as string]: "EXPIRED",
      [lapsed[1] as string]: "EXPIRED",
      [answered.id]: "ACCEPTED",
    });
    expect(await prisma.invitation.count({ where: { status: "PENDING" } })).toBe(pending.length - 2);

    expect(await expireInvitations(prisma, now)).toBe(0);
  });
});
