import type { GraphQLResponse } from "@medverkan/api/testing";
import { expect } from "vitest";

// Shared by the configuration specs (fee schedules, price base amounts, intake rules, request forms).

/** Some id that names no row anywhere; a foreign tenant's id must answer exactly like it. */
export const MISSING_ID = "01900000-0000-7000-8000-000000000000";

/** The tenants' calendar day (Europe/Stockholm) `offset` days from today, as an ISO date. */
export function stockholmDate(offset = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

export function errorCode(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** The payload errors' type names (and codes), for comparing a foreign id's answer with a missing id's. */
export function payloadErrors(
  response: GraphQLResponse<unknown>,
  field: string,
): { __typename: string; code?: string; message?: string }[] {
  const data = response.data as Record<string, { errors?: { __typename: string; code?: string; message?: string }[] } | null> | null;
  return data?.[field]?.errors ?? [];
}

/** One mutation field a client might aim at another tenant's row, and how to send it with an id. */
export type ForeignChangeAttempt = [field: string, attempt: (id: string) => Promise<GraphQLResponse<unknown>>];

/**
 * Each change aimed at another tenant's row (`foreignId`) answers exactly as the same change of an id that names no
 * row: the payload's NotFound, nothing that tells the row exists.
 */
export async function expectForeignChangesAnswerLikeMissing(attempts: readonly ForeignChangeAttempt[], foreignId: string): Promise<void> {
  for (const [field, attempt] of attempts) {
    const foreign = await attempt(foreignId);
    const missing = await attempt(MISSING_ID);
    expect(foreign, field).toEqual(missing);
    expect(payloadErrors(foreign, field), field).toMatchObject([{ __typename: "NotFound", code: "NOT_FOUND" }]);
  }
}
