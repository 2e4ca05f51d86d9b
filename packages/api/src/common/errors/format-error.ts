import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { API_ERROR_CODES, type ApiErrorCode, ApiErrorCode as Codes } from "./api-error.js";

const DATABASE_UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const DATABASE_UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|timeout exceeded when trying to connect|Can't reach database|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection|canceling statement due to (statement|lock) timeout|expired transaction|Unable to start a transaction in the given time|server conn crashed|cannot connect to server|server login has been failing|query_wait_timeout|no more connections allowed|cannot execute [A-Z ]+ in a read-only transaction|not queryable/i;

/**
 * True for failures that mean "the database is not there right now" — worth a retry, not a bug report. A statement or
 * transaction cut off by its timeout counts too: it was rolled back whole, so the client may simply retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const candidate = current as { name?: string; code?: string; message?: string; cause?: unknown };
    if (candidate.name === "PrismaClientInitializationError") return true;
    if (candidate.code && DATABASE_UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (candidate.message && DATABASE_UNAVAILABLE_MESSAGE.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}

// Apollo's own codes for request-level problems, folded into our closed list.
const APOLLO_CODE_MAP: Record<string, ApiErrorCode> = {
  OPERATION_RESOLUTION_FAILURE: Codes.BAD_REQUEST,
  PERSISTED_QUERY_NOT_FOUND: Codes.BAD_REQUEST,
  PERSISTED_QUERY_NOT_SUPPORTED: Codes.BAD_REQUEST,
  BAD_REQUEST: Codes.BAD_REQUEST,
};

const knownCodes = new Set<string>(API_ERROR_CODES);

/**
 * The API boundary for errors: codes from the closed list pass through; anything else is logged in full and
 * answered with a generic message, so no SQL, stack trace or secret ever reaches a client.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = String(formatted.extensions?.code ?? "");
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};

    if (isDatabaseUnavailable(original)) {
      log.warn({ err: original }, "database unavailable");
      return {
        message: "The service is temporarily unavailable. Please retry shortly.",
        path: formatted.path,
        extensions: {
          code: Codes.SERVICE_UNAVAILABLE,
          retryable: true,
          messages: {
            sv: "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
            en: "The service is temporarily unavailable. Please retry shortly.",
          },
        },
      };
    }
    if (knownCodes.has(code) && code !== Codes.INTERNAL_SERVER_ERROR) {
      return { ...formatted, extensions };
    }
    const mapped = APOLLO_CODE_MAP[code];
    if (mapped) return { ...formatted, extensions: { ...extensions, code: mapped } };

    log.error({ err: original, path: formatted.path }, "internal error");
    return {
      message: "Internal server error",
      path: formatted.path,
      extensions: { code: Codes.INTERNAL_SERVER_ERROR },
    };
  };
}
