import { Field, InterfaceType } from "type-graphql";

/**
 * An expected business outcome returned in a mutation's payload (an intake rule not met, consent missing) rather
 * than thrown: the client handles each kind by its type, the code is stable, the message is for people.
 */
@InterfaceType({ description: "An expected business outcome a client should handle; `message` is in the request's language." })
export abstract class ErrorResult {
  @Field(() => String, { description: "Stable machine-readable code." })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String)
  messageSv!: string;

  @Field(() => String)
  messageEn!: string;
}
