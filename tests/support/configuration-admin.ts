import type { GraphQLDocument, GraphQLResponse, TestApi } from "@medverkan/api/testing";
import { expect } from "vitest";
import { graphql } from "../generated/gql.js";
import { fieldErrors, hasNoData } from "./errors.js";

// Shared by the configuration specs (networks, organisations, taxonomy, staff): who is asking, how to call the API
// and fail loudly. The audit trail every configuration change must leave is read through the API (audit-log.ts).

// The id that names no row in any tenant: one constant for every configuration spec.
export { MISSING_ID } from "./configuration-rules.js";

export interface ConfigurationActors {
  /** Kalmar's tenant administrator. */
  admin: string;
  coordinator: string;
  requester: string;
  analyst: string;
  /** VGR's tenant administrator: another region. */
  foreignAdmin: string;
}

export async function configurationActors(api: TestApi): Promise<ConfigurationActors> {
  const [admin, coordinator, requester, analyst, foreignAdmin] = await Promise.all([
    api.tokenFor({ tenant: "kalmar", role: "tenant-admin" }),
    api.tokenFor({ tenant: "kalmar", role: "coordinator" }),
    api.tokenFor({ tenant: "kalmar", role: "requester" }),
    api.tokenFor({ tenant: "kalmar", role: "analyst" }),
    api.tokenFor({ tenant: "vgr", role: "tenant-admin" }),
  ]);
  return { admin, coordinator, requester, analyst, foreignAdmin };
}

/** Runs a document that must succeed and returns its data. */
export async function ok<Data>(
  api: TestApi,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await api.graphql<Data>(query, { token, variables });
  if (response.errors || !response.data) throw new Error(`Expected success, got ${JSON.stringify(response.errors)}`);
  return response.data;
}

export const errorCode = (response: GraphQLResponse<unknown>): string | undefined => response.errors?.[0]?.extensions?.code;

/** A validation failure: no data, BAD_USER_INPUT, and the fields named (every one at once), each in both languages. */
export function expectFieldErrors(response: GraphQLResponse<unknown>, expected: Array<[field: string, code: string]>): void {
  expect(errorCode(response), JSON.stringify(response.errors)).toBe("BAD_USER_INPUT");
  expect(hasNoData(response)).toBe(true);
  const errors = fieldErrors(response);
  expect(errors.map((error) => [error.field, error.code]).sort()).toEqual([...expected].sort());
  for (const error of errors) {
    expect(error.messages.sv.length, error.field).toBeGreaterThan(0);
    expect(error.messages.en.length, error.field).toBeGreaterThan(0);
  }
}

/**
 * Every caller but a tenant administrator is refused, without data (a nullable root field answers null): a signed-in
 * caller with FORBIDDEN, an anonymous one (no token) with UNAUTHENTICATED, so a front end knows to send them to sign in.
 */
export async function expectForbidden(
  api: TestApi,
  tokens: (string | undefined)[],
  query: GraphQLDocument,
  variables: Record<string, unknown>,
) {
  for (const token of tokens) {
    const response = await api.graphql(query, { token, variables });
    expect(errorCode(response), JSON.stringify(response.errors)).toBe(token ? "FORBIDDEN" : "UNAUTHENTICATED");
    expect(Object.values(response.data ?? {}).filter((value) => value !== null)).toEqual([]);
  }
}

const STAFF_SUBJECTS = graphql(`query StaffUserSubjects($after: String) {
  staffUsers(first: 100, after: $after, includeDisabled: true) { pageInfo { hasNextPage endCursor } nodes { id subject } } }`);

/** The staff user id behind a seeded role, as the tenant administrator (`adminToken`) finds it in the staff list. */
export async function staffUserIdSeenBy(api: TestApi, adminToken: string, subject: string): Promise<string> {
  let after: string | null = null;
  do {
    const variables: { after: string | null } = { after };
    const response = await api.graphql(STAFF_SUBJECTS, { token: adminToken, variables });
    const page = response.data?.staffUsers;
    if (!page) throw new Error(`the staff list is not readable with this token: ${JSON.stringify(response.errors)}`);
    const found = page.nodes.find((node) => node.subject === subject);
    if (found) return found.id;
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after);
  throw new Error(`No staff user ${subject}`);
}

/** The four demo regions' administrators: together they read every audit event and every network there is. */
export function everyRegionsAdmin(api: TestApi): Promise<string[]> {
  return Promise.all(["jonkoping", "vgr", "kalmar", "ostergotland"].map((tenant) => api.tokenFor({ tenant, role: "tenant-admin" })));
}

/** The staff user id behind a seeded role, for checking who an audit event names. */
export async function staffUserIdOf(api: TestApi, subject: string): Promise<string> {
  const staff = await api.running.database.prisma.staffUser.findFirst({ where: { subject }, select: { id: true } });
  if (!staff) throw new Error(`No staff user ${subject}`);
  return staff.id;
}
