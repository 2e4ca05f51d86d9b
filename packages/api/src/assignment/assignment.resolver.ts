import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { toAssignmentBrief } from "../invitation/invitation.mapper.js";
import { AssignmentBrief } from "../invitation/invitation.type.js";
import { RequestType } from "../request/request.type.js";
import { CancelParticipantInput, RecordAgreementInput, RecordAttendanceInput } from "./assignment.input.js";
import { CancelParticipantPayload, RecordAgreementPayload, RecordAttendancePayload } from "./assignment.payload.js";
import { cancelParticipant, listMyAssignments, listRequestAssignments, recordAgreement, recordAttendance } from "./assignment.service.js";
import { Assignment, AssignmentStatus, AttendanceRecord, MyAssignment, MyAssignmentConnection } from "./assignment.type.js";

const attendancesOf = (ctx: RequestContext, assignment: { id: string; tenantId: string }) =>
  ctx.loaders(assignment.tenantId).attendancesByAssignmentId.load(assignment.id);

@Resolver(() => Assignment)
export class AssignmentResolver {
  @Mutation(() => RecordAttendancePayload, {
    description:
      "The requesting unit or the network's coordinators: whether a participant took part in an occasion, for how long and with how " +
      "much travel. Recording again corrects it. Fee claims are computed from it.",
  })
  recordAttendance(
    @Arg("input", () => RecordAttendanceInput) input: RecordAttendanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordAttendancePayload> {
    return recordAttendance(ctx, input);
  }

  @Mutation(() => RecordAgreementPayload, {
    description: "The requesting unit or the network's coordinators: record the written agreement of a long assignment, signed by both.",
  })
  recordAgreement(
    @Arg("input", () => RecordAgreementInput) input: RecordAgreementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordAgreementPayload> {
    return recordAgreement(ctx, input);
  }

  @Mutation(() => CancelParticipantPayload, {
    description: "The requesting unit or the network's coordinators: cancel a participant's place; the first on the waiting list moves up.",
  })
  cancelParticipant(
    @Arg("input", () => CancelParticipantInput) input: CancelParticipantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CancelParticipantPayload> {
    return cancelParticipant(ctx, input);
  }

  @FieldResolver(() => [AttendanceRecord])
  attendances(@Root() assignment: Assignment, @Ctx() ctx: RequestContext) {
    return attendancesOf(ctx, assignment);
  }
}

@Resolver(() => MyAssignment)
export class MyAssignmentResolver {
  @Query(() => MyAssignmentConnection, { description: "Members: your assignments, with their agreement and attendance." })
  myAssignments(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listMyAssignments(ctx, page);
  }

  @FieldResolver(() => [AttendanceRecord])
  attendances(@Root() assignment: MyAssignment, @Ctx() ctx: RequestContext) {
    return attendancesOf(ctx, assignment);
  }

  @FieldResolver(() => AssignmentBrief, { nullable: true, description: "The request as you see it: what, when and where." })
  async request(@Root() assignment: MyAssignment, @Ctx() ctx: RequestContext): Promise<AssignmentBrief | null> {
    const row = await ctx.loaders(assignment.tenantId).assignmentBriefByRequestId.load(assignment.requestId);
    return row ? toAssignmentBrief(row, assignment.status !== AssignmentStatus.CANCELLED) : null;
  }
}

@Resolver(() => RequestType)
export class RequestAssignmentsResolver {
  @FieldResolver(() => [Assignment], {
    description: "The requesting unit and the network's coordinators: the places taken, with agreement and attendance (not who).",
  })
  assignments(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<Assignment[]> {
    return listRequestAssignments(ctx, request);
  }
}
