import { waitlistPosition } from "@medverkan/domain";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { isBankAccountRequested } from "../payroll-details/payroll-details.service.js";
import { RequestType } from "../request/request.type.js";
import { releasedContacts } from "./contact-release.service.js";
import {
  InvitationFilter,
  InvitationOrderBy,
  InviteMembersInput,
  RecordInvitationAnswerOnBehalfInput,
  RespondToInvitationInput,
  WithdrawContactSharingConsentInput,
  WithdrawFromAssignmentInput,
  WithdrawInvitationInput,
} from "./invitation.input.js";
import { toAssignmentBrief } from "./invitation.mapper.js";
import {
  InviteMembersPayload,
  RecordInvitationAnswerOnBehalfPayload,
  RespondToInvitationPayload,
  WithdrawContactSharingConsentPayload,
  WithdrawFromAssignmentPayload,
  WithdrawInvitationPayload,
} from "./invitation.payload.js";
import { getInvitee, inviteMembers, listRequestInvitations, withdrawInvitation } from "./invitation.service.js";
import {
  AssignmentBrief,
  Invitation,
  InvitationConnection,
  InvitationStatus,
  Invitee,
  MyInvitation,
  MyInvitationConnection,
  ReleasedContact,
} from "./invitation.type.js";
import {
  listMyInvitations,
  recordInvitationAnswerOnBehalf,
  respondToInvitation,
  withdrawContactSharingConsent,
  withdrawFromAssignment,
} from "./invitation-response.service.js";

async function positionOnWaitlist(
  ctx: RequestContext,
  invitation: { id: string; tenantId: string; requestId: string; status: InvitationStatus; waitlistPosition?: number | null },
): Promise<number | null> {
  if (invitation.status !== InvitationStatus.WAITLISTED) return null;
  // An answer that placed the member on the waiting list counted the position under the request's lock.
  if (invitation.waitlistPosition !== undefined) return invitation.waitlistPosition;
  return waitlistPosition(invitation.id, await ctx.loaders(invitation.tenantId).invitationWaitlistByRequestId.load(invitation.requestId));
}

@Resolver(() => Invitation)
export class InvitationResolver {
  @Query(() => Invitee, {
    nullable: true,
    description:
      "Coordinators of the request's network: who an invitation is for, by the invitee's own id (`Invitation.invitee.id`; what " +
      "`node(id:)` answers with). Null for another network's, another tenant's or a missing one. Audited like `Request.invitations`.",
  })
  invitee(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Invitee | null> {
    return getInvitee(ctx, id);
  }

  @Mutation(() => InviteMembersPayload, {
    description:
      "Coordinators of the request's network: ask members personally, with a message. Each member is checked (active in the network, " +
      "not restricted, no pause on the occasions' dates, not asked before, never after saying no); the others are still asked.",
  })
  inviteMembers(
    @Arg("input", () => InviteMembersInput) input: InviteMembersInput,
    @Ctx() ctx: RequestContext,
  ): Promise<InviteMembersPayload> {
    return inviteMembers(ctx, input);
  }

  @Mutation(() => WithdrawInvitationPayload, {
    description: "Coordinators of the request's network: take back an unanswered invitation or a waitlisted acceptance.",
  })
  withdrawInvitation(
    @Arg("input", () => WithdrawInvitationInput) input: WithdrawInvitationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WithdrawInvitationPayload> {
    return withdrawInvitation(ctx, input);
  }

  @Mutation(() => RecordInvitationAnswerOnBehalfPayload, {
    description:
      "Coordinators of the member's network: record the answer a member gave by phone, on paper or in person (accept with the " +
      "contact-sharing consent text version read out to them, or decline). Same rules as the member's own answer; the member sees " +
      "who recorded it and how, and the audit log keeps it.",
  })
  recordInvitationAnswerOnBehalf(
    @Arg("input", () => RecordInvitationAnswerOnBehalfInput) input: RecordInvitationAnswerOnBehalfInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordInvitationAnswerOnBehalfPayload> {
    return recordInvitationAnswerOnBehalf(ctx, input);
  }

  @FieldResolver(() => Int, { nullable: true })
  waitlistPosition(@Root() invitation: Invitation, @Ctx() ctx: RequestContext): Promise<number | null> {
    return positionOnWaitlist(ctx, invitation);
  }
}

@Resolver(() => MyInvitation)
export class MyInvitationResolver {
  @Query(() => MyInvitationConnection, { description: "Members: the invitations you have received, with what each assignment is." })
  myInvitations(
    @Arg("filter", () => InvitationFilter, { nullable: true }) filter: InvitationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listMyInvitations(ctx, filter, page);
  }

  @Mutation(() => RespondToInvitationPayload, {
    description:
      "Members: accept (with consent to share your name, e-mail and phone with the unit for this request) or decline (with an " +
      "optional reason) an invitation to you. When every place is taken, an acceptance goes to the waiting list.",
  })
  respondToInvitation(
    @Arg("input", () => RespondToInvitationInput) input: RespondToInvitationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RespondToInvitationPayload> {
    return respondToInvitation(ctx, input);
  }

  @Mutation(() => WithdrawFromAssignmentPayload, {
    description:
      "Members: leave an assignment you accepted (or its waiting list). Your contact details are hidden from the unit again and you " +
      "are not asked again for this request.",
  })
  withdrawFromAssignment(
    @Arg("input", () => WithdrawFromAssignmentInput) input: WithdrawFromAssignmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WithdrawFromAssignmentPayload> {
    return withdrawFromAssignment(ctx, input);
  }

  @Mutation(() => WithdrawContactSharingConsentPayload, {
    description: "Members: stop sharing your contact details with the unit of an assignment; you keep your place.",
  })
  withdrawContactSharingConsent(
    @Arg("input", () => WithdrawContactSharingConsentInput) input: WithdrawContactSharingConsentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WithdrawContactSharingConsentPayload> {
    return withdrawContactSharingConsent(ctx, input);
  }

  @FieldResolver(() => AssignmentBrief, { nullable: true, description: "The request as you see it: what, when and where." })
  async request(@Root() invitation: MyInvitation, @Ctx() ctx: RequestContext): Promise<AssignmentBrief | null> {
    const row = await ctx.loaders(invitation.tenantId).assignmentBriefByRequestId.load(invitation.requestId);
    return row ? toAssignmentBrief(row, invitation.status === InvitationStatus.ACCEPTED) : null;
  }

  @FieldResolver(() => Int, { nullable: true })
  waitlistPosition(@Root() invitation: MyInvitation, @Ctx() ctx: RequestContext): Promise<number | null> {
    return positionOnWaitlist(ctx, invitation);
  }

  @FieldResolver(() => Boolean, {
    description:
      "True where the region pays fees to a bank account you register (`Tenant.paysByBankAccount`) and you have none registered: register it with `setMyBankAccount` so the fee can be paid.",
  })
  registerBankAccount(@Root() invitation: MyInvitation, @Ctx() ctx: RequestContext): Promise<boolean> {
    return isBankAccountRequested(ctx, invitation.tenantId);
  }
}

/** Invitations and released contact details on a request. */
@Resolver(() => RequestType)
export class RequestInvitationsResolver {
  @FieldResolver(() => InvitationConnection, {
    description: "Coordinators of the request's network: who was asked and how they answered. Each invitee read is audited.",
  })
  invitations(
    @Root() request: RequestType,
    @Arg("filter", () => InvitationFilter, { nullable: true }) filter: InvitationFilter | null,
    @Arg("orderBy", () => InvitationOrderBy, { nullable: true }) orderBy: InvitationOrderBy | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listRequestInvitations(ctx, request, filter, page, orderBy);
  }

  @FieldResolver(() => [ReleasedContact], {
    description:
      "The requesting unit (and the network's coordinators): name, e-mail and phone of the participants who accepted and consented to " +
      "sharing them for this request — nobody else, and nothing else. Every read is an audited disclosure.",
  })
  participants(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<ReleasedContact[]> {
    return releasedContacts(ctx, request);
  }
}
