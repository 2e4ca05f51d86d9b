import type { Locale, LocalizedText } from "@medverkan/domain";
import { ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "./error-result.js";

/**
 * A mutation named an object that does not exist for the caller. Another tenant's object gives exactly this answer,
 * so ids reveal nothing across tenants.
 */
@ObjectType({ implements: ErrorResult, description: "The object does not exist (or is not yours to see)." })
export class NotFound extends ErrorResult {}

export function notFound(what: LocalizedText, locale: Locale): NotFound {
  return errorResult(NotFound, "NOT_FOUND", { sv: `${what.sv} finns inte.`, en: `${what.en} does not exist.` }, locale);
}
