import type { GraphQLResponse } from "@medverkan/api/testing";

export interface FieldErrorEntry {
  field: string;
  code: string;
  message: string;
  messages: { sv: string; en: string };
}

/** The field-level validation errors of a response's first error (empty when there are none). */
export function fieldErrors(response: GraphQLResponse<unknown>): FieldErrorEntry[] {
  return (response.errors?.[0]?.extensions?.fieldErrors as FieldErrorEntry[] | undefined) ?? [];
}

/**
 * True when a response carries no data: nothing at all (refused before execution, or a failed mutation), or — root
 * query fields being nullable so that pages compose — every root field it asked for is null.
 */
export function hasNoData(response: GraphQLResponse<unknown>): boolean {
  const data = response.data as Record<string, unknown> | null | undefined;
  return data == null || Object.values(data).every((value) => value === null);
}
