import { placesLeft, waitlistPosition } from "@medverkan/domain";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Network } from "../network/network.type.js";
import {
  CancelTrainingEnrolmentInput,
  CancelTrainingSessionInput,
  CreateTrainingEnrolmentInput,
  CreateTrainingSessionInput,
  RecordTrainingAttendanceInput,
  UpdateTrainingSessionInput,
} from "./training.input.js";
import { isHoldingPlace, toSessionSummary } from "./training.mapper.js";
import {
  CancelTrainingEnrolmentPayload,
  CancelTrainingSessionPayload,
  CreateTrainingEnrolmentPayload,
  CreateTrainingSessionPayload,
  RecordTrainingAttendancePayload,
  UpdateTrainingSessionPayload,
} from "./training.payload.js";
import {
  TrainingEnrolment,
  TrainingEnrolmentConnection,
  TrainingFormat,
  TrainingSession,
  TrainingSessionConnection,
  TrainingSessionSummary,
  TrainingSessionSummaryConnection,
} from "./training.type.js";
import {
  cancelTrainingEnrolment,
  createTrainingEnrolment,
  listEnrolmentsOfSession,
  listMyEnrolments,
  recordTrainingAttendance,
} from "./training-enrolment.service.js";
import {
  cancelTrainingSession,
  createTrainingSession,
  getTrainingSession,
  listTrainingSessions,
  listUpcomingSessions,
  updateTrainingSession,
} from "./training-session.service.js";

@Resolver(() => TrainingSession)
export class TrainingSessionResolver {
  @Query(() => TrainingSessionConnection, {
    description: "Coordinators and tenant admins: sessions of the networks you plan for, by date.",
  })
  trainingSessions(
    @Arg("networkId", () => ID, { nullable: true, description: "Leave out for every network you plan for." }) networkId: string | null,
    @Arg("upcomingOnly", () => Boolean, { defaultValue: true, description: "Only sessions yet to start and not cancelled." })
    upcomingOnly: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listTrainingSessions(ctx, { networkId, upcomingOnly }, page);
  }

  @Query(() => TrainingSession, { nullable: true, description: "Coordinators and tenant admins: one session of a network you plan for." })
  trainingSession(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TrainingSession | null> {
    return getTrainingSession(ctx, id);
  }

  @Mutation(() => CreateTrainingSessionPayload, { description: "Coordinators and tenant admins: schedule a session." })
  createTrainingSession(
    @Arg("input", () => CreateTrainingSessionInput) input: CreateTrainingSessionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateTrainingSessionPayload> {
    return createTrainingSession(ctx, input);
  }

  @Mutation(() => UpdateTrainingSessionPayload, { description: "Coordinators and tenant admins: change a session." })
  updateTrainingSession(
    @Arg("input", () => UpdateTrainingSessionInput) input: UpdateTrainingSessionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateTrainingSessionPayload> {
    return updateTrainingSession(ctx, input);
  }

  @Mutation(() => CancelTrainingSessionPayload, { description: "Coordinators and tenant admins: cancel a session and its enrolments." })
  cancelTrainingSession(
    @Arg("input", () => CancelTrainingSessionInput) input: CancelTrainingSessionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CancelTrainingSessionPayload> {
    return cancelTrainingSession(ctx, input);
  }

  @FieldResolver(() => Network, { nullable: true })
  network(@Root() session: TrainingSession, @Ctx() ctx: RequestContext) {
    return ctx.loaders(session.tenantId).networkById.load(session.networkId);
  }

  @FieldResolver(() => Int)
  async enrolledCount(@Root() session: TrainingSession, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders(session.tenantId).trainingCountsBySessionId.load(session.id)).enrolled;
  }

  @FieldResolver(() => Int)
  async waitlistedCount(@Root() session: TrainingSession, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders(session.tenantId).trainingCountsBySessionId.load(session.id)).waitlisted;
  }

  @FieldResolver(() => Int)
  async placesLeft(@Root() session: TrainingSession, @Ctx() ctx: RequestContext): Promise<number> {
    const counts = await ctx.loaders(session.tenantId).trainingCountsBySessionId.load(session.id);
    return session.cancelledAt ? 0 : placesLeft(session.capacity, counts.enrolled);
  }

  @FieldResolver(() => TrainingEnrolmentConnection, { description: "Coordinators: who is enrolled and waiting. Audited." })
  enrolments(@Root() session: TrainingSession, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listEnrolmentsOfSession(ctx, session, page);
  }
}

@Resolver(() => TrainingSessionSummary)
export class TrainingSessionSummaryResolver {
  @FieldResolver(() => Int)
  async placesLeft(@Root() session: TrainingSessionSummary, @Ctx() ctx: RequestContext): Promise<number> {
    const counts = await ctx.loaders(session.tenantId).trainingCountsBySessionId.load(session.id);
    return session.cancelledAt ? 0 : placesLeft(session.capacity, counts.enrolled);
  }

  @FieldResolver(() => Network, { nullable: true })
  network(@Root() session: TrainingSessionSummary, @Ctx() ctx: RequestContext) {
    return ctx.loaders(session.tenantId).networkById.load(session.networkId);
  }
}

@Resolver(() => TrainingEnrolment)
export class TrainingEnrolmentResolver {
  @Query(() => TrainingEnrolmentConnection, { description: "Members: your own training enrolments." })
  myTrainingEnrolments(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listMyEnrolments(ctx, page);
  }

  @Mutation(() => CreateTrainingEnrolmentPayload, {
    description:
      "Coordinators enrol a member of their network; members enrol themselves. A full session puts the enrolment on the waiting list.",
  })
  createTrainingEnrolment(
    @Arg("input", () => CreateTrainingEnrolmentInput) input: CreateTrainingEnrolmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateTrainingEnrolmentPayload> {
    return createTrainingEnrolment(ctx, input);
  }

  @Mutation(() => CancelTrainingEnrolmentPayload, {
    description: "Coordinators, or the member themself: cancel an enrolment before the session.",
  })
  cancelTrainingEnrolment(
    @Arg("input", () => CancelTrainingEnrolmentInput) input: CancelTrainingEnrolmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CancelTrainingEnrolmentPayload> {
    return cancelTrainingEnrolment(ctx, input);
  }

  @Mutation(() => RecordTrainingAttendancePayload, { description: "Coordinators: record attendance; attending counts as trained." })
  recordTrainingAttendance(
    @Arg("input", () => RecordTrainingAttendanceInput) input: RecordTrainingAttendanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordTrainingAttendancePayload> {
    return recordTrainingAttendance(ctx, input);
  }

  @FieldResolver(() => TrainingSessionSummary, { nullable: true })
  async session(@Root() enrolment: TrainingEnrolment, @Ctx() ctx: RequestContext): Promise<TrainingSessionSummary | null> {
    const row = await ctx.loaders(enrolment.tenantId).trainingSessionById.load(enrolment.sessionId);
    return row ? toSessionSummary(row) : null;
  }

  @FieldResolver(() => Int, { nullable: true })
  async waitlistPosition(@Root() enrolment: TrainingEnrolment, @Ctx() ctx: RequestContext): Promise<number | null> {
    if (enrolment.status !== "WAITLISTED") return null;
    return waitlistPosition(enrolment.id, await ctx.loaders(enrolment.tenantId).trainingWaitlistBySessionId.load(enrolment.sessionId));
  }

  @FieldResolver(() => String, { nullable: true })
  async digitalLink(@Root() enrolment: TrainingEnrolment, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!isHoldingPlace(enrolment)) return null;
    const row = await ctx.loaders(enrolment.tenantId).trainingSessionById.load(enrolment.sessionId);
    return row && !row.cancelledAt && row.format === TrainingFormat.DIGITAL ? row.digitalLink : null;
  }
}

/** The public part of training on a network: what a registration page shows next to the network. */
@Resolver(() => Network)
export class NetworkTrainingResolver {
  @FieldResolver(() => TrainingSessionSummaryConnection, {
    description: "Upcoming introduction and training sessions of the network: date, time, format, places left. Public.",
  })
  upcomingTrainingSessions(@Root() network: Network, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listUpcomingSessions(ctx, network, page);
  }
}
