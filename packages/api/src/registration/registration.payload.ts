import { createUnionType, Field, ObjectType, registerEnumType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { InvalidPersonalIdentityNumber, PersonalIdentityNumberTaken } from "../identity/personal-identity-number.payload.js";
import { ConsentKind } from "../tenant/tenant.type.js";

export enum RegistrationOutcome {
  REGISTERED = "REGISTERED",
  AWAITING_GUARDIAN_CONSENT = "AWAITING_GUARDIAN_CONSENT",
}
registerEnumType(RegistrationOutcome, {
  name: "RegistrationOutcome",
  description: "REGISTERED: a coordinator will be in touch. AWAITING_GUARDIAN_CONSENT: held until a guardian consents.",
});

@ObjectType({
  description:
    "Acknowledges a registration. It is the same whether the person was new or already known, so the public API never reveals who is registered.",
})
export class RegistrationReceipt {
  @Field(() => RegistrationOutcome)
  outcome!: RegistrationOutcome;

  @Field(() => Date)
  receivedAt!: Date;

  @Field(() => String, { description: "What happens next, in the request's language." })
  message!: string;
}

@ObjectType({ implements: ErrorResult, description: "The network's intake rules do not allow this registration." })
export class IntakeRuleNotMet extends ErrorResult {
  @Field(() => String, { description: "Which rule, e.g. BELOW_MINIMUM_AGE, MUNICIPALITY_NOT_ALLOWED." })
  rule!: string;

  @Field(() => String, { description: "Which fact is missing or wrong." })
  missing!: string;
}

@ObjectType({ implements: ErrorResult, description: "Consent was not given, or to a text version that is no longer shown." })
export class ConsentRequired extends ErrorResult {
  @Field(() => ConsentKind)
  kind!: ConsentKind;

  @Field(() => String, { nullable: true, description: "The version currently shown; show it and ask again." })
  currentVersion!: string | null;
}

export const RegisterMemberError = createUnionType({
  name: "RegisterMemberError",
  types: () => [IntakeRuleNotMet, ConsentRequired, InvalidPersonalIdentityNumber, PersonalIdentityNumberTaken] as const,
});

@ObjectType()
export class RegisterMemberPayload {
  @Field(() => RegistrationReceipt, { nullable: true, description: "Set when the registration was accepted." })
  registration!: RegistrationReceipt | null;

  @Field(() => [RegisterMemberError], { description: "Why it was not accepted; empty on success." })
  errors!: Array<typeof RegisterMemberError>;
}
