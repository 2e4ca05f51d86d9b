import type { Locale } from "@medverkan/domain";
import { ObjectType } from "type-graphql";
import { ErrorResult } from "./error-result.js";

/**
 * A mutation named an object that does not exist for the caller. Another tenant's object gives exactly this answer,
 * so ids reveal nothing across tenants.
 */
@ObjectType({ implements: ErrorResult, description: "The object does not exist (or is not yours to see)." })
export class NotFound extends ErrorResult {}

export function notFound(what: { sv: string; en: string }, locale: Locale): NotFound {
  const messages = { sv: `${what.sv} finns inte.`, en: `${what.en} does not exist.` };
  return Object.assign(new NotFound(), { code: "NOT_FOUND", message: messages[locale], messageSv: messages.sv, messageEn: messages.en });
}
