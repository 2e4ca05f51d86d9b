import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Member, Membership } from "../member/member.type.js";
import { memberGuardians, recordGuardianConsent, withdrawGuardianConsent } from "./guardian.service.js";
import {
  RecordGuardianConsentInput,
  RecordIntroductionHeldInput,
  RegisterMemberOnBehalfInput,
  ResolveDuplicateCandidateInput,
  TransitionMembershipInput,
  WithdrawGuardianConsentInput,
} from "./intake.input.js";
import {
  RecordGuardianConsentPayload,
  RecordIntroductionHeldPayload,
  RegisterMemberOnBehalfPayload,
  ResolveDuplicateCandidatePayload,
  TransitionMembershipPayload,
  WithdrawGuardianConsentPayload,
} from "./intake.payload.js";
import { getMembership, membershipEvents, membershipIntakeDate, recordIntroductionHeld, transitionMembership } from "./intake.service.js";
import { DuplicateCandidateConnection, Guardian, IntakeQueueConnection, MembershipEvent } from "./intake.type.js";
import { registerMemberOnBehalf } from "./on-behalf.service.js";
import { duplicateCandidates, intakeQueue, resolveDuplicateCandidate } from "./queue.service.js";

@Resolver()
export class IntakeResolver {
  @Query(() => Membership, { nullable: true, description: "Coordinators: a membership of a network you coordinate." })
  membership(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Membership | null> {
    return getMembership(ctx, id);
  }

  @Query(() => IntakeQueueConnection, {
    description: "Coordinators: registrations waiting for the next intake step in your networks, oldest first. Audited.",
  })
  intakeQueue(
    @Arg("networkId", () => ID, { nullable: true }) networkId: string | null,
    @Arg("overdueOnly", () => Boolean, { defaultValue: false }) overdueOnly: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return intakeQueue(ctx, { networkId, overdueOnly }, page);
  }

  @Query(() => DuplicateCandidateConnection, { description: "Coordinators: unresolved probable duplicates in your networks. Audited." })
  duplicateCandidates(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return duplicateCandidates(ctx, page);
  }

  @Mutation(() => TransitionMembershipPayload, { description: "Coordinators: move a membership one step in the intake lifecycle." })
  transitionMembership(
    @Arg("input", () => TransitionMembershipInput) input: TransitionMembershipInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TransitionMembershipPayload> {
    return transitionMembership(ctx, input);
  }

  @Mutation(() => RecordIntroductionHeldPayload, { description: "Coordinators: record that the introduction meeting was held." })
  recordIntroductionHeld(
    @Arg("input", () => RecordIntroductionHeldInput) input: RecordIntroductionHeldInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordIntroductionHeldPayload> {
    return recordIntroductionHeld(ctx, input);
  }

  @Mutation(() => RecordGuardianConsentPayload, { description: "Coordinators: record a guardian's written consent for a minor." })
  recordGuardianConsent(
    @Arg("input", () => RecordGuardianConsentInput) input: RecordGuardianConsentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordGuardianConsentPayload> {
    return recordGuardianConsent(ctx, input);
  }

  @Mutation(() => WithdrawGuardianConsentPayload, { description: "Coordinators: record that a guardian withdrew consent." })
  withdrawGuardianConsent(
    @Arg("input", () => WithdrawGuardianConsentInput) input: WithdrawGuardianConsentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WithdrawGuardianConsentPayload> {
    return withdrawGuardianConsent(ctx, input);
  }

  @Mutation(() => RegisterMemberOnBehalfPayload, { description: "Coordinators: enter a postal or phone registration." })
  registerMemberOnBehalf(
    @Arg("input", () => RegisterMemberOnBehalfInput) input: RegisterMemberOnBehalfInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RegisterMemberOnBehalfPayload> {
    return registerMemberOnBehalf(ctx, input);
  }

  @Mutation(() => ResolveDuplicateCandidatePayload, { description: "Coordinators: settle a probable duplicate as two different people." })
  resolveDuplicateCandidate(
    @Arg("input", () => ResolveDuplicateCandidateInput) input: ResolveDuplicateCandidateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ResolveDuplicateCandidatePayload> {
    return resolveDuplicateCandidate(ctx, input);
  }
}

@Resolver(() => Membership)
export class MembershipIntakeResolver {
  @FieldResolver(() => [MembershipEvent], {
    nullable: true,
    description: "The intake history with notes; for coordinators of the membership's network, otherwise null.",
  })
  events(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<MembershipEvent[] | null> {
    return membershipEvents(ctx, membership);
  }

  @FieldResolver(() => Date, { nullable: true, description: "When the coordinator's contact call was recorded." })
  contactCallAt(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<Date | null> {
    return membershipIntakeDate(ctx, membership, "contactCallAt");
  }

  @FieldResolver(() => Date, { nullable: true })
  introductionBookedAt(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<Date | null> {
    return membershipIntakeDate(ctx, membership, "introductionBookedAt");
  }

  @FieldResolver(() => Date, { nullable: true })
  introductionHeldAt(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<Date | null> {
    return membershipIntakeDate(ctx, membership, "introductionHeldAt");
  }

  @FieldResolver(() => Date, { nullable: true })
  activatedAt(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<Date | null> {
    return membershipIntakeDate(ctx, membership, "activatedAt");
  }

  @FieldResolver(() => Date, { nullable: true })
  withdrawnAt(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<Date | null> {
    return membershipIntakeDate(ctx, membership, "withdrawnAt");
  }
}

@Resolver(() => Member)
export class MemberGuardiansResolver {
  @FieldResolver(() => [Guardian], { description: "The member's guardians and their consents. Personal data; audited for staff." })
  guardians(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<Guardian[]> {
    return memberGuardians(ctx, member);
  }
}
