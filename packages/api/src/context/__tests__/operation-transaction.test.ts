import { randomUUID } from "node:crypto";
import { type Database, sqlStatementCounter } from "@medverkan/database";
import { GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/test-database.js";
import { OperationSharingSlots, OperationTransactions } from "../operation-transaction.js";
import { TenantScope, type Tx } from "../tenant-scope.js";

// One transaction per query operation (issue 19): the calls of an operation share one tenant transaction, which
// commits when the operation ends, and only if no call met a database error. The slots are what keeps operations that
// hold a transaction from taking the whole pool. The wiring into GraphQL: tests/performance/one-transaction-per-operation.test.ts.

let database: Database;
let dispose: () => Promise<void>;
let tenantId: string;

beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase());
  tenantId = (
    await database.prisma.tenant.create({
      data: { slug: `op-${randomUUID().slice(0, 8)}`, name: "Operation test region", tokenIssuer: "https://op.test", tokenAudience: "op" },
    })
  ).id;
});

afterAll(async () => {
  await dispose?.();
});

/** An operation that shares, as a query's does once the plugin has begun sharing. */
function sharingOperation(): OperationTransactions {
  const operation = new OperationTransactions(OperationSharingSlots.for({ kind: "postgres", poolSize: 4 }));
  operation.beginSharing();
  return operation;
}

const transactionId = (tx: Tx) => tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`.then((rows) => rows[0]?.id);

/** Writes one audit row, as an audited read does, and returns its subject. */
async function writeAuditRow(tx: Tx): Promise<string> {
  const subject = randomUUID();
  await tx.$executeRaw`INSERT INTO "AuditEvent" ("id", "tenantId", "actorType", "action", "subjectType", "subjectId")
    VALUES (gen_random_uuid(), ${tenantId}::uuid, 'SYSTEM', 'READ', 'OperationTest', ${subject})`;
  return subject;
}

async function auditRowExists(subject: string): Promise<boolean> {
  const rows = await database.prisma.auditEvent.findMany({ where: { tenantId, subjectId: subject }, select: { id: true } });
  return rows.length === 1;
}

describe("OperationTransactions", () => {
  it("runs every call of a sharing operation in one transaction per tenant, concurrent calls included", async () => {
    const operation = sharingOperation();
    const scope = new TenantScope(database.prisma, tenantId, undefined, undefined, null, operation);
    const before = sqlStatementCounter.transactions;
    const ids = await Promise.all([scope.transaction(transactionId), scope.transaction(transactionId), scope.transaction(transactionId)]);
    const later = await scope.transaction(transactionId);
    // The application role and the tenant, entered once for all of them.
    const entered = await scope.transaction(
      async (tx) =>
        (
          await tx.$queryRaw<{ role: string; tenant: string }[]>`SELECT current_setting('role') AS role,
        current_setting('app.tenant_id') AS tenant`
        )[0],
    );
    expect(await operation.finish(true)).toBeNull();
    expect(new Set([...ids, later]).size).toBe(1);
    expect(sqlStatementCounter.transactions - before).toBe(1);
    expect(entered).toEqual({ role: "medverkan_app", tenant: tenantId });
  });

  it("commits what the calls wrote when the operation ends, not before", async () => {
    const operation = sharingOperation();
    const scope = new TenantScope(database.prisma, tenantId, undefined, undefined, null, operation);
    const subject = await scope.transaction(writeAuditRow);
    // PGlite is one session that waits for the open transaction; on PostgreSQL another connection cannot see it yet.
    if (database.kind === "postgres") expect(await auditRowExists(subject)).toBe(false);
    expect(await operation.finish(true)).toBeNull();
    expect(await auditRowExists(subject)).toBe(true);
  });

  it("keeps nothing when one call meets a database error: the writes of the others are rolled back and the error reported", async () => {
    const operation = sharingOperation();
    const scope = new TenantScope(database.prisma, tenantId, undefined, undefined, null, operation);
    const subject = await scope.transaction(writeAuditRow);
    await expect(scope.transaction((tx) => tx.$queryRaw`SELECT 1 / 0`)).rejects.toThrow(/division by zero/);
    const failure = await operation.finish(true);
    expect(String((failure as Error | null)?.message)).toMatch(/division by zero/);
    expect(await auditRowExists(subject)).toBe(false);
  });

  it("commits when a call ends with an answer of its own (a GraphQL error), which leaves the transaction usable", async () => {
    const operation = sharingOperation();
    const scope = new TenantScope(database.prisma, tenantId, undefined, undefined, null, operation);
    let subject = "";
    await expect(
      scope.transaction(async (tx) => {
        subject = await writeAuditRow(tx);
        throw new GraphQLError("not found", { extensions: { code: "NOT_FOUND" } });
      }),
    ).rejects.toThrow("not found");
    expect(await scope.transaction(transactionId)).toBeTruthy();
    expect(await operation.finish(true)).toBeNull();
    expect(await auditRowExists(subject)).toBe(true);
  });

  it("ends only when the calls still running have ended (a failed field can end execution before its siblings)", async () => {
    const operation = sharingOperation();
    const scope = new TenantScope(database.prisma, tenantId, undefined, undefined, null, operation);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let begun!: () => void;
    const begin = new Promise<void>((resolve) => {
      begun = resolve;
    });
    const late = scope.transaction(async (tx) => {
      await transactionId(tx);
      begun();
      await gate;
      return writeAuditRow(tx);
    });
    await begin;
    const finished = operation.finish(true);
    release();
    const subject = await late;
    expect(await finished).toBeNull();
    expect(await auditRowExists(subject)).toBe(true);
  });

  it("rolls everything back when the operation itself failed", async () => {
    const operation = sharingOperation();
    const scope = new TenantScope(database.prisma, tenantId, undefined, undefined, null, operation);
    const subject = await scope.transaction(writeAuditRow);
    expect(await operation.finish(false)).toBeNull();
    expect(await auditRowExists(subject)).toBe(false);
  });

  it("gives a call its own transaction before sharing begins, after it ends, and when the call has options of its own", async () => {
    const operation = new OperationTransactions(OperationSharingSlots.for({ kind: "postgres", poolSize: 4 }));
    const scope = new TenantScope(database.prisma, tenantId, undefined, undefined, null, operation);
    const before = await scope.transaction(transactionId);
    operation.beginSharing();
    const shared = await scope.transaction(transactionId);
    // Own options on PGlite would wait for the shared transaction (one session); the slots never let it share there.
    const own = database.kind === "postgres" ? await scope.transaction(transactionId, { timeoutMs: 30_000 }) : null;
    expect(await operation.finish(true)).toBeNull();
    const after = await scope.transaction(transactionId);
    expect(new Set([before, shared, after, ...(own ? [own] : [])]).size).toBe(own ? 4 : 3);
  });
});

describe("OperationSharingSlots", () => {
  it("keeps a quarter of the pool, at least one connection, from shared transactions, and shares nothing on PGlite", () => {
    expect(OperationSharingSlots.for({ kind: "postgres", poolSize: 10 }).size).toBe(8);
    expect(OperationSharingSlots.for({ kind: "postgres", poolSize: 2 }).size).toBe(1);
    expect(OperationSharingSlots.for({ kind: "postgres", poolSize: 1 }).size).toBe(0);
    expect(OperationSharingSlots.for({ kind: "embedded", poolSize: 1 }).size).toBe(0);
  });

  it("lets an operation without a free slot run a transaction per call, and frees the slot when an operation ends", async () => {
    const slots = OperationSharingSlots.for({ kind: "postgres", poolSize: 2 });
    const first = new OperationTransactions(slots);
    const second = new OperationTransactions(slots);
    first.beginSharing();
    second.beginSharing();
    expect(slots.inUse).toBe(1);
    const scope = new TenantScope(database.prisma, tenantId, undefined, undefined, null, second);
    const ids = [await scope.transaction(transactionId), await scope.transaction(transactionId)];
    expect(new Set(ids).size).toBe(2);
    await first.finish(true);
    await second.finish(true);
    expect(slots.inUse).toBe(0);
  });
});
