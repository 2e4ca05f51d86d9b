import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// SECURITY.md "Reliability": transactions with timeouts and a bounded pool; a mutation either commits fully or reports
// failure. The API runs here with small bounds (statement 1 s, transaction 2 s, two pooled connections), and
// test-only triggers on this test's own database slow down the statements of one member's profile correction (the
// profile update, its revision and its audit event, all in one tenant transaction). A slow statement or a slow
// transaction must fail the request soon, with a retryable error, leave nothing of it written, and give its
// connection back so the API keeps serving. PostgreSQL only (TEST_DATABASE_URL, as in CI): the embedded PGlite runs
// in this process, enforces no statement_timeout, and its pg_sleep blocks the process, so Prisma's transaction timer
// cannot fire either (the slowed correction simply commits there).

const STATEMENT_TIMEOUT_MS = 1_000;
const TRANSACTION_TIMEOUT_MS = 2_000;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) { member { familyName version } errors { __typename } }
  }
`;

let api: TestApi;
let memberToken: string;
let member: { id: string; familyName: string; version: number };
const prisma = () => api.running.database.prisma;

/** Makes the member's profile update, revision insert and audit insert each sleep this long (0: not at all). */
async function slowDown(seconds: { update: number; revision: number; audit: number }) {
  const body = (column: string, sleep: number) => `
    BEGIN
      IF ${sleep} > 0 AND NEW.${column} = '${member.id}' THEN PERFORM pg_sleep(${sleep}); END IF;
      RETURN NEW;
    END`;
  // Runs as the database owner; the API's own role only fires the triggers.
  await prisma().$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION test_slow_member() RETURNS trigger LANGUAGE plpgsql AS $$${body("id", seconds.update)}$$`,
  );
  await prisma().$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION test_slow_revision() RETURNS trigger LANGUAGE plpgsql AS $$${body(`"memberId"`, seconds.revision)}$$`,
  );
  await prisma().$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION test_slow_audit() RETURNS trigger LANGUAGE plpgsql AS $$${body(`"memberId"`, seconds.audit)}$$`,
  );
}

const state = async () => ({
  member: await prisma().member.findFirstOrThrow({ where: { id: member.id }, select: { familyName: true, version: true } }),
  revisions: await prisma().memberRevision.count({ where: { memberId: member.id } }),
  auditEvents: await prisma().auditEvent.count({ where: { memberId: member.id } }),
});

async function correctFamilyName(familyName: string) {
  const started = Date.now();
  const response = await api.graphql<{ updateMyProfile: { member: { familyName: string; version: number } | null } }>(UPDATE, {
    token: memberToken,
    variables: { input: { expectedVersion: member.version, familyName } },
  });
  return { response, elapsedMs: Date.now() - started };
}

async function expectTimedOutAndNothingWritten(familyName: string, boundMs: number) {
  const before = await state();
  const { response, elapsedMs } = await correctFamilyName(familyName);
  expect(elapsedMs).toBeLessThan(boundMs);
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
  expect(response.errors?.[0]?.extensions?.retryable).toBe(true);
  expect(response.data?.updateMyProfile ?? null).toBeNull();
  // Masked: nothing of the database's own words.
  const text = JSON.stringify(response);
  for (const leak of ["pg_sleep", "statement timeout", "canceling", "Transaction", "P2028"]) expect(text).not.toContain(leak);
  // The whole transaction rolled back: no profile change, no revision, no audit event.
  expect(await state()).toEqual(before);
}

beforeAll(async () => {
  if (!onPostgres) return;
  api = await startTestApi({
    databaseLimits: { poolSize: 2, statementTimeoutMs: STATEMENT_TIMEOUT_MS, transactionTimeoutMs: TRANSACTION_TIMEOUT_MS },
  });
  memberToken = await api.tokenFor({ tenant: "kalmar", role: "member" });
  member = await prisma().member.findFirstOrThrow({
    where: { subject: "kalmar-member-1" },
    select: { id: true, familyName: true, version: true },
  });
  await slowDown({ update: 0, revision: 0, audit: 0 });
  for (const [table, fn] of [
    ["Member", "test_slow_member"],
    ["MemberRevision", "test_slow_revision"],
    ["AuditEvent", "test_slow_audit"],
  ]) {
    await prisma().$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
  }
});

afterAll(async () => {
  await api?.stop();
});

describe.skipIf(!onPostgres)("database timeouts", () => {
  it("cancels a statement that runs past the statement timeout and answers a retryable error", async () => {
    // One statement far longer than the statement timeout, inside a transaction whose own timeout would come later.
    await slowDown({ update: 0, revision: 0, audit: 10 });
    // Answered before the transaction timeout could have ended it: the statement timeout did.
    await expectTimedOutAndNothingWritten("Långsam", TRANSACTION_TIMEOUT_MS);
  });

  it("rolls back a transaction that runs past the transaction timeout and answers a retryable error", async () => {
    // Each statement stays under the statement timeout; together they pass the transaction timeout.
    await slowDown({ update: 0.9, revision: 0.9, audit: 0.9 });
    await expectTimedOutAndNothingWritten("Seg", TRANSACTION_TIMEOUT_MS + 2_000);
  });

  it("keeps serving afterwards: the timed-out connections went back to the pool", async () => {
    await slowDown({ update: 0, revision: 0, audit: 0 });
    // More requests than the pool has connections, each of which needs one.
    for (const familyName of ["Snabb", "Snabbare", "Snabbast"]) {
      const { response } = await correctFamilyName(familyName);
      expect(response.errors).toBeUndefined();
      expect(response.data?.updateMyProfile.member).toMatchObject({ familyName, version: member.version + 1 });
      member.version += 1;
    }
    expect((await state()).member).toEqual({ familyName: "Snabbast", version: member.version });
  });
});
