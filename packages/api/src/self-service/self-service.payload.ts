import type { Locale } from "@medverkan/domain";
import { createUnionType, Field, ID, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { InvalidPersonalIdentityNumber, PersonalIdentityNumberTaken } from "../identity/personal-identity-number.payload.js";
import { Member, Membership } from "../member/member.type.js";
import { IntakeRuleNotMet } from "../registration/registration.payload.js";
import { MemberPause } from "./self-service.type.js";

@ObjectType({ implements: ErrorResult, description: "The pause is already over; it stays as a record of when you were away." })
export class PauseEnded extends ErrorResult {}

export function pauseEnded(locale: Locale): PauseEnded {
  return errorResult(
    PauseEnded,
    "PAUSE_ENDED",
    { sv: "Pausen är redan slut och kan inte tas bort.", en: "The pause is already over and cannot be removed." },
    locale,
  );
}

export const UpdateMyProfileError = createUnionType({
  name: "UpdateMyProfileError",
  types: () => [NotFound, InvalidPersonalIdentityNumber, PersonalIdentityNumberTaken] as const,
});
export const AddMyPauseError = createUnionType({ name: "AddMyPauseError", types: () => [NotFound] as const });
export const RemoveMyPauseError = createUnionType({ name: "RemoveMyPauseError", types: () => [NotFound, PauseEnded] as const });
export const SetMyAvailabilityError = createUnionType({ name: "SetMyAvailabilityError", types: () => [NotFound] as const });
export const WithdrawFromNetworkError = createUnionType({
  name: "WithdrawFromNetworkError",
  types: () => [NotFound, IntakeRuleNotMet] as const,
});

@ObjectType()
export class UpdateMyProfilePayload {
  @Field(() => Member, { nullable: true, description: "Your profile as it is now; null when it was not changed." })
  member!: Member | null;

  @Field(() => [UpdateMyProfileError])
  errors!: Array<typeof UpdateMyProfileError>;
}

@ObjectType()
export class AddMyPausePayload {
  @Field(() => MemberPause, { nullable: true })
  pause!: MemberPause | null;

  @Field(() => [AddMyPauseError])
  errors!: Array<typeof AddMyPauseError>;
}

@ObjectType()
export class RemoveMyPausePayload {
  @Field(() => ID, { nullable: true, description: "The id of the removed pause; null when nothing was removed." })
  removedPauseId!: string | null;

  @Field(() => [RemoveMyPauseError])
  errors!: Array<typeof RemoveMyPauseError>;
}

@ObjectType()
export class SetMyAvailabilityPayload {
  @Field(() => Member, { nullable: true })
  member!: Member | null;

  @Field(() => [SetMyAvailabilityError])
  errors!: Array<typeof SetMyAvailabilityError>;
}

@ObjectType()
export class WithdrawFromNetworkPayload {
  @Field(() => Membership, { nullable: true, description: "The membership, now withdrawn; null when it was not changed." })
  membership!: Membership | null;

  @Field(() => [WithdrawFromNetworkError])
  errors!: Array<typeof WithdrawFromNetworkError>;
}
