import { Field, ID, InputType, Int } from "type-graphql";
import { MembershipStatus, RegistrationChannel } from "../member/member.type.js";
import { RegistrationDetailsInput } from "../registration/registration.input.js";
import { DuplicateResolution } from "./intake.type.js";

@InputType({ description: "Moves a membership one step in the intake lifecycle; the network's intake rules decide whether it may." })
export class TransitionMembershipInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => MembershipStatus)
  to!: MembershipStatus;

  @Field(() => String, { nullable: true, description: "The coordinator's note on this step (kept in the history)." })
  note?: string | null;

  @Field(() => Int, { description: "The membership's `version` you read; if it changed since, the step fails with CONFLICT." })
  expectedVersion!: number;
}

@InputType({ description: "Records that the introduction meeting was held; the status does not change." })
export class RecordIntroductionHeldInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => Date, { nullable: true, description: "When it was held; now if left out. Not in the future." })
  heldAt?: Date | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Records a guardian's written consent, given on paper and entered by a coordinator." })
export class RecordGuardianConsentInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => ID, { description: "One of `Member.guardians`." })
  guardianId!: string;

  @Field(() => String, { description: "`Tenant.currentConsentText(kind: GUARDIAN).version`, the text the guardian signed." })
  consentTextVersion!: string;

  @Field(() => Boolean, { description: "Must be true: the guardian's consent is written (signed on paper)." })
  recordedOnPaper!: boolean;
}

@InputType({ description: "A guardian withdraws consent: the member's active memberships are paused." })
export class WithdrawGuardianConsentInput {
  @Field(() => ID)
  consentId!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "A registration on paper or by phone, entered by a coordinator of the chosen networks." })
export class RegisterMemberOnBehalfInput extends RegistrationDetailsInput {
  @Field(() => RegistrationChannel, { description: "POSTAL or PHONE." })
  channel!: RegistrationChannel;
}

@InputType({ description: "Settles a probable duplicate." })
export class ResolveDuplicateCandidateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => DuplicateResolution)
  resolution!: DuplicateResolution;
}
