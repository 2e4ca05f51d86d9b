import type { Locale, LocalizedText } from "@medverkan/domain";
import { Field, InterfaceType } from "type-graphql";
import { ErrorCode } from "./error-code.js";

/**
 * An expected business outcome returned in a mutation's payload (an intake rule not met, consent missing) rather
 * than thrown: the client handles each kind by its type, the code is stable, the message is for people.
 */
@InterfaceType({ description: "An expected business outcome a client should handle; `message` is in the request's language." })
export abstract class ErrorResult {
  @Field(() => ErrorCode, { description: "Stable machine-readable code." })
  code!: ErrorCode;

  @Field(() => String)
  message!: string;

  @Field(() => String)
  messageSv!: string;

  @Field(() => String)
  messageEn!: string;
}

/** Builds a typed payload error: the class decides its GraphQL type, the message comes in both languages. */
export function errorResult<T extends ErrorResult>(
  type: new () => T,
  code: ErrorCode,
  messages: LocalizedText,
  locale: Locale,
  extra?: Omit<Partial<T>, keyof ErrorResult>,
): T {
  return Object.assign(new type(), { code, message: messages[locale], messageSv: messages.sv, messageEn: messages.en, ...extra });
}
