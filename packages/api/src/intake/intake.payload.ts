import { createUnionType, Field, Int, ObjectType } from "type-graphql";
import { NotFound } from "../common/errors/not-found.js";
import { Member, Membership } from "../member/member.type.js";
import { ConsentRequired, IntakeRuleNotMet, RegisterMemberError, RegistrationOutcome } from "../registration/registration.payload.js";
import { DuplicateCandidate, GuardianConsent } from "./intake.type.js";

// IntakeRuleNotMet is the registration's own type: a refused registration and a refused intake step are the same
// kind of answer (which rule, what is missing), so clients handle them with one fragment.

export const MembershipStepError = createUnionType({
  name: "MembershipStepError",
  types: () => [NotFound, IntakeRuleNotMet] as const,
});

@ObjectType()
export class TransitionMembershipPayload {
  @Field(() => Membership, { nullable: true, description: "The membership after the step; null when it was refused." })
  membership!: Membership | null;

  @Field(() => [MembershipStepError], { description: "One entry per rule not met; empty on success." })
  errors!: Array<typeof MembershipStepError>;
}

@ObjectType()
export class RecordIntroductionHeldPayload {
  @Field(() => Membership, { nullable: true })
  membership!: Membership | null;

  @Field(() => [MembershipStepError])
  errors!: Array<typeof MembershipStepError>;
}

export const GuardianConsentError = createUnionType({
  name: "GuardianConsentError",
  types: () => [NotFound, ConsentRequired] as const,
});

@ObjectType()
export class RecordGuardianConsentPayload {
  @Field(() => GuardianConsent, { nullable: true })
  consent!: GuardianConsent | null;

  @Field(() => [Membership], { description: "Memberships that left PENDING_GUARDIAN_CONSENT because of this consent." })
  released!: Membership[];

  @Field(() => [GuardianConsentError])
  errors!: Array<typeof GuardianConsentError>;
}

export const WithdrawGuardianConsentError = createUnionType({
  name: "WithdrawGuardianConsentError",
  types: () => [NotFound] as const,
});

@ObjectType()
export class WithdrawGuardianConsentPayload {
  @Field(() => GuardianConsent, { nullable: true })
  consent!: GuardianConsent | null;

  @Field(() => [Membership], { description: "Active memberships paused because no guardian consent remains." })
  paused!: Membership[];

  @Field(() => [WithdrawGuardianConsentError])
  errors!: Array<typeof WithdrawGuardianConsentError>;
}

@ObjectType({ description: "Unlike the public registration, tells the coordinator whether the person was already known." })
export class RegisterMemberOnBehalfPayload {
  @Field(() => Member, { nullable: true, description: "The member, new or already known; null when refused." })
  member!: Member | null;

  @Field(() => Boolean, { description: "The person was already registered: nothing was doubled, new networks were added." })
  alreadyRegistered!: boolean;

  @Field(() => RegistrationOutcome, { nullable: true })
  outcome!: RegistrationOutcome | null;

  @Field(() => Int, { description: "Other records that may be the same person, now in the coordinators' duplicate list." })
  probableDuplicates!: number;

  @Field(() => [RegisterMemberError])
  errors!: Array<typeof RegisterMemberError>;
}

export const ResolveDuplicateCandidateError = createUnionType({
  name: "ResolveDuplicateCandidateError",
  types: () => [NotFound] as const,
});

@ObjectType()
export class ResolveDuplicateCandidatePayload {
  @Field(() => DuplicateCandidate, { nullable: true })
  duplicateCandidate!: DuplicateCandidate | null;

  @Field(() => [ResolveDuplicateCandidateError])
  errors!: Array<typeof ResolveDuplicateCandidateError>;
}
