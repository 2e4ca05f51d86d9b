import type { FieldError, Locale, LocalizedText } from "@medverkan/domain";
import { GraphQLError } from "graphql";

/**
 * The closed list of `extensions.code` values a client can receive on a GraphQL error. Expected business outcomes
 * are not here: they are typed members of a mutation's payload (see error-result.ts).
 */
export const ApiErrorCode = {
  /** No valid token where one is needed; also any token that fails verification. HTTP 401. */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** Valid token, but the actor may not do this. */
  FORBIDDEN: "FORBIDDEN",
  /** Input failed validation; `extensions.fieldErrors` says which fields and why, in Swedish and English. */
  BAD_USER_INPUT: "BAD_USER_INPUT",
  /** The document is not valid GraphQL or breaks a limit (depth, aliases, cost, tokens). */
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  /** The HTTP request itself is wrong (method, content type, CSRF header, body size). */
  BAD_REQUEST: "BAD_REQUEST",
  /** Someone else changed the object since it was read; read it again and retry. */
  CONFLICT: "CONFLICT",
  /** Too many attempts; `extensions.retryAfterSeconds` says when to try again. */
  RATE_LIMITED: "RATE_LIMITED",
  /** A dependency (the database) is unavailable; safe to retry. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** Anything unexpected; details are logged, never sent. */
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export const API_ERROR_CODES: readonly ApiErrorCode[] = Object.values(ApiErrorCode);

const httpStatus: Partial<Record<ApiErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  BAD_REQUEST: 400,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

export function apiError(
  code: ApiErrorCode,
  message: LocalizedText,
  locale: Locale = "en",
  extra: Record<string, unknown> = {},
): GraphQLError {
  const status = httpStatus[code];
  return new GraphQLError(message[locale], {
    extensions: { code, messages: message, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

/** Why a request is UNAUTHENTICATED (`extensions.reason`), also said in the `WWW-Authenticate` header (RFC 6750). */
export type UnauthenticatedReason = "LOGIN_REQUIRED" | "TOKEN_EXPIRED" | "TOKEN_INVALID";

const UNAUTHENTICATED_MESSAGES: Record<UnauthenticatedReason, { sv: string; en: string }> = {
  LOGIN_REQUIRED: { sv: "Du behöver logga in för att göra detta.", en: "You need to sign in to do this." },
  TOKEN_EXPIRED: { sv: "Din inloggning har gått ut. Logga in igen.", en: "Your sign-in has expired. Sign in again." },
  TOKEN_INVALID: { sv: "Du behöver logga in med en giltig token.", en: "A valid token is required." },
};

/** The `WWW-Authenticate` challenge for each reason: no error for a missing token, `invalid_token` for a bad one. */
export function wwwAuthenticate(reason: UnauthenticatedReason): string {
  if (reason === "LOGIN_REQUIRED") return 'Bearer realm="medverkan"';
  const description = reason === "TOKEN_EXPIRED" ? "The access token expired" : "The access token is invalid";
  return `Bearer realm="medverkan", error="invalid_token", error_description="${description}"`;
}

export const unauthenticated = (locale: Locale = "en", reason: UnauthenticatedReason = "TOKEN_INVALID") =>
  apiError(ApiErrorCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGES[reason], locale, { reason });

export const forbidden = (locale: Locale = "en") =>
  apiError(ApiErrorCode.FORBIDDEN, { sv: "Du har inte behörighet till detta.", en: "You are not allowed to do this." }, locale);

/** All field errors of one input at once, so a form can mark every field in one round trip. */
export function badUserInput(fieldErrors: readonly FieldError[], locale: Locale = "en"): GraphQLError {
  return apiError(ApiErrorCode.BAD_USER_INPUT, { sv: "Några uppgifter behöver rättas.", en: "Some fields need to be corrected." }, locale, {
    fieldErrors: fieldErrors.map((error) => ({
      field: error.field,
      code: error.code,
      message: error.message[locale],
      messages: error.message,
    })),
  });
}

export const conflict = (locale: Locale = "en") =>
  apiError(
    ApiErrorCode.CONFLICT,
    {
      sv: "Uppgifterna har ändrats av någon annan sedan du läste dem. Läs in dem igen.",
      en: "Someone else changed this since you read it. Read it again and retry.",
    },
    locale,
  );

export const serviceUnavailable = (locale: Locale = "en") =>
  apiError(
    ApiErrorCode.SERVICE_UNAVAILABLE,
    {
      sv: "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
      en: "The service is temporarily unavailable. Please retry shortly.",
    },
    locale,
    { retryable: true },
  );
