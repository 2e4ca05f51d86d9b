import type { CombinedError } from "@urql/core";

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The API's BAD_USER_INPUT carries every field error of an input at once (`extensions.fieldErrors`). */
export function fieldErrorsOf(error: CombinedError | undefined): FieldError[] {
  const list: FieldError[] = [];
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const fieldErrors = graphQLError.extensions?.fieldErrors;
    if (Array.isArray(fieldErrors)) list.push(...(fieldErrors as FieldError[]));
  }
  return list;
}

export function messageOf(error: CombinedError | undefined, fallback: string): string | null {
  if (!error) return null;
  return error.graphQLErrors[0]?.message ?? fallback;
}

/** Typed business errors in payloads (`errors { ... on ErrorResult { message } }`). */
export function payloadErrorMessage(errors: ReadonlyArray<{ message?: string } | { __typename?: string }> | undefined): string | null {
  const first = errors?.[0];
  if (!first) return null;
  return "message" in first && first.message ? first.message : "__typename" in first ? String(first.__typename) : null;
}
