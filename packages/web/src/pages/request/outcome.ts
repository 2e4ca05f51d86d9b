import type { CombinedError } from "@urql/core";
import type { ErrorCode } from "../../generated/graphql";
import { type FieldError, fieldErrorsOf } from "../../graphql/errors";

// What a mutation on the request page answered, split the way the page shows it: errors that belong to one field
// (the API's BAD_USER_INPUT field errors, and the lifecycle rules that are about one field, such as REASON_REQUIRED)
// go to that field; anything else is one message for a role=alert. Messages come in the person's language (the
// client sends Accept-Language).

export interface PayloadError {
  __typename?: string;
  code?: ErrorCode;
  message?: string;
}

export interface Failure {
  /** Field errors, `field` without the `input.` prefix (`reason`, `scope`, `signedByUnitAt`). */
  fields: FieldError[];
  /** A message for the errors that belong to no field; null when there is none. */
  message: string | null;
}

export function failureOf(
  error: CombinedError | undefined,
  payloadErrors: ReadonlyArray<PayloadError> | undefined,
  fallback: string,
  fieldOfRule: Readonly<Partial<Record<ErrorCode, string>>> = {},
): Failure | null {
  const fields = fieldErrorsOf(error).map((found) => ({ ...found, field: found.field.replace(/^input\./, "") }));
  const others: string[] = [];
  for (const payloadError of payloadErrors ?? []) {
    const field = payloadError.code ? fieldOfRule[payloadError.code] : undefined;
    const message = payloadError.message || payloadError.__typename || fallback;
    if (field) fields.push({ field, code: payloadError.code ?? "", message });
    else others.push(message);
  }
  if (error && fields.length === 0) others.push(error.graphQLErrors[0]?.message ?? fallback);
  if (fields.length === 0 && others.length === 0) return null;
  return { fields, message: others.length ? others.join(" ") : null };
}

/** The errors of one field (`reason`, `occasions[0].startsAt`, …). */
export const errorsAt = (failure: Failure | null, field: string): FieldError[] =>
  failure?.fields.filter((found) => found.field === field) ?? [];

/** Statuses in which a request can no longer change. */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(["FOLLOWED_UP", "DECLINED", "CANCELLED"]);
/** Statuses from which the unit or the coordinator may cancel a request. */
export const CANCELLABLE_STATUSES: ReadonlySet<string> = new Set(["SUBMITTED", "MATCHING", "PARTLY_FILLED", "FILLED"]);

export const daysSince = (iso: string, now = new Date()): number =>
  Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
