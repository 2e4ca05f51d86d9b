import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Network } from "../network/network.type.js";
import { toAssignmentType } from "../request-form/request-form.mapper.js";
import { AssignmentType } from "../request-form/request-form.type.js";
import { recordDirectBooking } from "./direct-booking.service.js";
import { feedbackOf, giveFeedback } from "./feedback.service.js";
import { FeedbackType } from "./feedback.type.js";
import { addOccasion, cancelOccasion, markOccasionHeld } from "./occasion.service.js";
import { OccasionType } from "./occasion.type.js";
import {
  AddOccasionInput,
  CancelOccasionInput,
  CancelRequestInput,
  DeclineRequestInput,
  GiveFeedbackInput,
  MarkOccasionHeldInput,
  MarkRequestCarriedOutInput,
  RecordDirectBookingInput,
  RecordFollowUpInput,
  RequestFilter,
  RequestOrderBy,
  StartMatchingInput,
  SubmitRequestInput,
  UpdateRequestInput,
} from "./request.input.js";
import { toOccasion, toRequestEvent } from "./request.mapper.js";
import {
  AddOccasionPayload,
  CancelOccasionPayload,
  CancelRequestPayload,
  DeclineRequestPayload,
  GiveFeedbackPayload,
  MarkOccasionHeldPayload,
  MarkRequestCarriedOutPayload,
  type OccasionPayloadShape,
  RecordDirectBookingPayload,
  RecordFollowUpPayload,
  type RequestPayloadShape,
  StartMatchingPayload,
  SubmitRequestPayload,
  UpdateRequestPayload,
} from "./request.payload.js";
import { getRequest, listOpenFollowUps, listVisibleRequests, submitRequest, updateRequest } from "./request.service.js";
import { RequestConnection, RequestEventType, RequestType } from "./request.type.js";
import { standingOn } from "./request-access.js";
import { actOnRequest } from "./request-lifecycle.service.js";

@Resolver(() => RequestType)
export class RequestResolver {
  @Query(() => RequestType, {
    nullable: true,
    description:
      "A request you may see: your unit's (requester), your networks' (coordinator), your tenant's (admin), or one you were invited to (member).",
  })
  request(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<RequestType | null> {
    return getRequest(ctx, id);
  }

  @Query(() => RequestConnection, { description: "Requests you may see, newest first unless `orderBy` says otherwise." })
  requests(
    @Arg("filter", () => RequestFilter, { nullable: true }) filter: RequestFilter | null,
    @Arg("orderBy", () => RequestOrderBy, { nullable: true }) orderBy: RequestOrderBy | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listVisibleRequests(ctx, filter, page, orderBy);
  }

  @Query(() => RequestConnection, {
    description: "Coordinators: carried-out requests of your networks awaiting follow-up, longest-waiting first.",
  })
  openFollowUps(
    @Arg("networkId", () => ID, { nullable: true }) networkId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listOpenFollowUps(ctx, networkId, page);
  }

  @FieldResolver(() => Network)
  async network(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<Network | null> {
    return ctx.loaders(request.tenantId).networkById.load(request.networkId);
  }

  @FieldResolver(() => AssignmentType)
  async assignmentType(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<AssignmentType | null> {
    const row = await ctx.loaders(request.tenantId).requestAssignmentTypeById.load(request.assignmentTypeId);
    return row ? toAssignmentType(row, ctx.locale) : null;
  }

  @FieldResolver(() => String, { description: "The key of the assignment type, e.g. `WORKSHOP`." })
  async assignmentTypeKey(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<string> {
    const row = await ctx.loaders(request.tenantId).requestAssignmentTypeById.load(request.assignmentTypeId);
    return row?.key ?? "";
  }

  @FieldResolver(() => String, { description: "The requesting unit's name." })
  async unitName(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loaders(request.tenantId).requestUnitById.load(request.unitId))?.name ?? "";
  }

  @FieldResolver(() => String, { description: "The organisation the requesting unit belongs to." })
  async organisationName(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loaders(request.tenantId).requestUnitById.load(request.unitId))?.organisation.name ?? "";
  }

  @FieldResolver(() => String, { nullable: true, description: "The ansvarskod the assignment and its fees are billed to." })
  async costCentreCode(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!request.costCentreId) return null;
    return (await ctx.loaders(request.tenantId).requestCostCentreById.load(request.costCentreId))?.code ?? null;
  }

  @FieldResolver(() => [String], { description: "Keys of the experience tags sought." })
  experienceTagKeys(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<string[]> {
    return ctx.loaders(request.tenantId).requestExperienceTagKeysByRequestId.load(request.id);
  }

  @FieldResolver(() => [OccasionType], { description: "All occasions in date order, cancelled ones included." })
  async occasions(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<OccasionType[]> {
    return (await ctx.loaders(request.tenantId).requestOccasionsByRequestId.load(request.id)).map(toOccasion);
  }

  @FieldResolver(() => [RequestEventType], { description: "Staff: the status history, oldest first." })
  async events(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<RequestEventType[]> {
    return (await ctx.loaders(request.tenantId).requestEventsByRequestId.load(request.id)).map(toRequestEvent);
  }

  @FieldResolver(() => [FeedbackType], {
    description:
      "The feedback you may read: coordinators all; the unit its own and the coordinator's; a participant their own and the unit's.",
  })
  feedback(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<FeedbackType[]> {
    return feedbackOf(ctx, request);
  }

  @FieldResolver(() => String, { nullable: true, description: "Coordinators and tenant admins: the note of the follow-up." })
  followUpNote(@Root() request: RequestType, @Ctx() ctx: RequestContext): string | null {
    const standing = standingOn(ctx.actor, request);
    return standing.coordinator || standing.admin ? request.followUpNote : null;
  }

  @Mutation(() => SubmitRequestPayload, { description: "Requesters: submit a request for your unit to a network." })
  submitRequest(
    @Arg("input", () => SubmitRequestInput) input: SubmitRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPayloadShape> {
    return submitRequest(ctx, input);
  }

  @Mutation(() => UpdateRequestPayload, { description: "Requesters: change your unit's request before matching starts." })
  updateRequest(
    @Arg("input", () => UpdateRequestInput) input: UpdateRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPayloadShape> {
    return updateRequest(ctx, input);
  }

  @Mutation(() => StartMatchingPayload, { description: "Coordinators: SUBMITTED → MATCHING." })
  startMatching(
    @Arg("input", () => StartMatchingInput) input: StartMatchingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPayloadShape> {
    return actOnRequest(ctx, "START_MATCHING", input);
  }

  @Mutation(() => DeclineRequestPayload, { description: "Coordinators: decline a request not yet filled, with the reason." })
  declineRequest(
    @Arg("input", () => DeclineRequestInput) input: DeclineRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPayloadShape> {
    return actOnRequest(ctx, "DECLINE", input);
  }

  @Mutation(() => CancelRequestPayload, {
    description:
      "The unit or the coordinator: cancel a request before it is carried out, with the reason. Pending invitations are withdrawn and bookings cancelled.",
  })
  cancelRequest(
    @Arg("input", () => CancelRequestInput) input: CancelRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPayloadShape> {
    return actOnRequest(ctx, "CANCEL", input);
  }

  @Mutation(() => MarkRequestCarriedOutPayload, {
    description: "The unit or the coordinator: the assignment took place (after its last occasion).",
  })
  markRequestCarriedOut(
    @Arg("input", () => MarkRequestCarriedOutInput) input: MarkRequestCarriedOutInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPayloadShape> {
    return actOnRequest(ctx, "MARK_CARRIED_OUT", input);
  }

  @Mutation(() => RecordFollowUpPayload, {
    description: "Coordinators: record the follow-up with its note; the request is closed (FOLLOWED_UP).",
  })
  recordFollowUp(
    @Arg("input", () => RecordFollowUpInput) input: RecordFollowUpInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPayloadShape> {
    return actOnRequest(ctx, "RECORD_FOLLOW_UP", { requestId: input.requestId, reason: input.note });
  }

  @Mutation(() => AddOccasionPayload, { description: "The unit or the coordinator: add an occasion to a live request." })
  addOccasion(@Arg("input", () => AddOccasionInput) input: AddOccasionInput, @Ctx() ctx: RequestContext): Promise<OccasionPayloadShape> {
    return addOccasion(ctx, input);
  }

  @Mutation(() => CancelOccasionPayload, { description: "The unit or the coordinator: cancel an occasion, with the reason." })
  cancelOccasion(
    @Arg("input", () => CancelOccasionInput) input: CancelOccasionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OccasionPayloadShape> {
    return cancelOccasion(ctx, input);
  }

  @Mutation(() => MarkOccasionHeldPayload, { description: "The unit or the coordinator: the occasion took place." })
  markOccasionHeld(
    @Arg("input", () => MarkOccasionHeldInput) input: MarkOccasionHeldInput,
    @Ctx() ctx: RequestContext,
  ): Promise<OccasionPayloadShape> {
    return markOccasionHeld(ctx, input);
  }

  @Mutation(() => GiveFeedbackPayload, {
    description: "After the assignment: the unit's requester, a participant (own token) or the coordinator gives feedback, once each.",
  })
  giveFeedback(@Arg("input", () => GiveFeedbackInput) input: GiveFeedbackInput, @Ctx() ctx: RequestContext): Promise<GiveFeedbackPayload> {
    return giveFeedback(ctx, input);
  }

  @Mutation(() => RecordDirectBookingPayload, {
    description:
      "Requesters: record a participation your unit arranged directly with people of a network's pool, so fees and statistics cover it.",
  })
  recordDirectBooking(
    @Arg("input", () => RecordDirectBookingInput) input: RecordDirectBookingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestPayloadShape> {
    return recordDirectBooking(ctx, input);
  }
}
