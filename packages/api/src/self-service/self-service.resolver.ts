import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { Member, Membership } from "../member/member.type.js";
import {
  AddMyPauseInput,
  RemoveMyPauseInput,
  SetMyAvailabilityInput,
  UpdateMyProfileInput,
  WithdrawFromNetworkInput,
} from "./self-service.input.js";
import {
  AddMyPausePayload,
  RemoveMyPausePayload,
  SetMyAvailabilityPayload,
  UpdateMyProfilePayload,
  WithdrawFromNetworkPayload,
} from "./self-service.payload.js";
import {
  addMyPause,
  listMyMemberships,
  memberPauses,
  memberRevisions,
  removeMyPause,
  setMyAvailability,
  updateMyProfile,
  withdrawFromNetwork,
} from "./self-service.service.js";
import { MemberPause, MemberRevision } from "./self-service.type.js";

@Resolver()
export class SelfServiceResolver {
  @Query(() => [Membership], { description: "Members: your memberships in the tenant's networks, with their status." })
  myMemberships(@Ctx() ctx: RequestContext): Promise<Membership[]> {
    return listMyMemberships(ctx);
  }

  @Mutation(() => UpdateMyProfilePayload, { description: "Members: correct your own profile; the change is kept in your history." })
  updateMyProfile(
    @Arg("input", () => UpdateMyProfileInput) input: UpdateMyProfileInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateMyProfilePayload> {
    return updateMyProfile(ctx, input);
  }

  @Mutation(() => SetMyAvailabilityPayload, { description: "Members: say when you are usually available." })
  setMyAvailability(
    @Arg("input", () => SetMyAvailabilityInput) input: SetMyAvailabilityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetMyAvailabilityPayload> {
    return setMyAvailability(ctx, input);
  }

  @Mutation(() => AddMyPausePayload, { description: "Members: a period you do not want to be asked." })
  addMyPause(@Arg("input", () => AddMyPauseInput) input: AddMyPauseInput, @Ctx() ctx: RequestContext): Promise<AddMyPausePayload> {
    return addMyPause(ctx, input);
  }

  @Mutation(() => RemoveMyPausePayload, { description: "Members: remove a pause that is planned or under way." })
  removeMyPause(
    @Arg("input", () => RemoveMyPauseInput) input: RemoveMyPauseInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RemoveMyPausePayload> {
    return removeMyPause(ctx, input);
  }

  @Mutation(() => WithdrawFromNetworkPayload, { description: "Members: leave one network's pool." })
  withdrawFromNetwork(
    @Arg("input", () => WithdrawFromNetworkInput) input: WithdrawFromNetworkInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WithdrawFromNetworkPayload> {
    return withdrawFromNetwork(ctx, input);
  }
}

/** The member's pauses and correction history, for the member themself and the coordinators of their networks. */
@Resolver(() => Member)
export class MemberSelfServiceResolver {
  @FieldResolver(() => [MemberPause], { description: "Planned, current and past pauses, earliest first." })
  pauses(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<MemberPause[]> {
    return memberPauses(ctx, member);
  }

  @FieldResolver(() => [MemberRevision], { description: "Corrections of the profile, newest first." })
  revisions(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<MemberRevision[]> {
    return memberRevisions(ctx, member);
  }
}
