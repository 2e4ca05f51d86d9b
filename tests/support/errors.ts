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
