import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// SECURITY.md "GDPR": an audit event for every read of a member's personal data and every disclosure, written in the
// same transaction, so a failed audit write fails the request. A test-only trigger on this test's own database makes
// every audit insert about one member fail; each read of that member must then answer an error and disclose nothing.

const MEMBER = /* GraphQL */ `query Member($id: ID!) { member(id: $id, purpose: "audit failure test") { id givenName familyName email phone } }`;
const POOL = /* GraphQL */ `query Pool { members(first: 100) { totalCount nodes { id givenName familyName email } } }`;
const EXPORT_MINE = /* GraphQL */ `query { exportMyData { format data } }`;

let api: TestApi;
let coordinator: string;
let memberToken: string;
let member: { id: string; givenName: string; familyName: string; email: string | null; phone: string | null };
const prisma = () => api.running.database.prisma;

beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  memberToken = await api.tokenFor({ tenant: "kalmar", role: "member" });
  member = await prisma().member.findFirstOrThrow({
    where: { subject: "kalmar-member-1" },
    select: { id: true, givenName: true, familyName: true, email: true, phone: true },
  });
  // Runs as the database owner, outside any tenant transaction; the API's own role only fires it.
  await prisma().$executeRawUnsafe(`
    CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW."memberId" = '${member.id}' THEN RAISE EXCEPTION 'test: audit log unavailable'; END IF;
      RETURN NEW;
    END $$`);
  await prisma().$executeRawUnsafe(
    `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`,
  );
});

afterAll(async () => {
  await api?.stop();
});

const auditEventsAbout = () => prisma().auditEvent.count({ where: { memberId: member.id } });

function expectFailedWithoutDisclosure(response: {
  status: number;
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}) {
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual(["INTERNAL_SERVER_ERROR"]);
  const text = JSON.stringify(response);
  const personal = [member.id, member.givenName, member.familyName, member.email, member.phone].filter((value): value is string => !!value);
  for (const value of personal) expect(text).not.toContain(value);
  // Masked: nothing of the database's own words.
  for (const leak of ["AuditEvent", "test: audit log unavailable", "plpgsql", "INSERT"]) expect(text).not.toContain(leak);
}

describe("a failed audit write", () => {
  it("fails a coordinator's read of the member and discloses nothing", async () => {
    const before = await auditEventsAbout();
    const response = await api.graphql(MEMBER, { token: coordinator, variables: { id: member.id } });
    expectFailedWithoutDisclosure(response);
    expect((response.data as { member?: unknown } | null | undefined)?.member ?? null).toBeNull();
    expect(await auditEventsAbout()).toBe(before);
  });

  it("fails a pool listing that would show the member", async () => {
    const response = await api.graphql(POOL, { token: coordinator });
    expectFailedWithoutDisclosure(response);
    expect((response.data as { members?: unknown } | null | undefined)?.members ?? null).toBeNull();
  });

  it("fails the member's own export", async () => {
    const response = await api.graphql(EXPORT_MINE, { token: memberToken });
    expectFailedWithoutDisclosure(response);
    expect((response.data as { exportMyData?: unknown } | null | undefined)?.exportMyData ?? null).toBeNull();
  });

  it("serves the same read, audited, once the audit log works again", async () => {
    await prisma().$executeRawUnsafe(`DROP TRIGGER test_refuse_audit ON "AuditEvent"`);
    const before = await auditEventsAbout();
    const response = await api.graphql<{ member: { id: string; givenName: string } }>(MEMBER, {
      token: coordinator,
      variables: { id: member.id },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.member).toMatchObject({ id: member.id, givenName: member.givenName });
    expect(await auditEventsAbout()).toBe(before + 1);
  });
});
