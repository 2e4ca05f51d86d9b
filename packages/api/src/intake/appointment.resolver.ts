import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Membership } from "../member/member.type.js";
import {
  BookIntakeAppointmentInput,
  LogMembershipFollowUpInput,
  RecordIntakeAppointmentOutcomeInput,
  RescheduleIntakeAppointmentInput,
} from "./appointment.input.js";
import {
  BookIntakeAppointmentPayload,
  LogMembershipFollowUpPayload,
  RecordIntakeAppointmentOutcomePayload,
  RescheduleIntakeAppointmentPayload,
} from "./appointment.payload.js";
import {
  bookIntakeAppointment,
  followUpsDue,
  getIntakeAppointment,
  logMembershipFollowUp,
  membershipAppointments,
  membershipFollowUps,
  myIntakeAppointments,
  recordIntakeAppointmentOutcome,
  rescheduleIntakeAppointment,
} from "./appointment.service.js";
import { FollowUpDueConnection, IntakeAppointment, MembershipFollowUpConnection } from "./appointment.type.js";

@Resolver()
export class IntakeAppointmentResolver {
  @Query(() => IntakeAppointment, {
    nullable: true,
    description: "Coordinators of the membership's network and tenant admins: one intake appointment. Audited.",
  })
  intakeAppointment(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<IntakeAppointment | null> {
    return getIntakeAppointment(ctx, id);
  }

  @Query(() => [IntakeAppointment], {
    description:
      "Members: your intake appointments still to come (Mina sidor), earliest first. Get the calendar file with createDownloadLink.",
  })
  myIntakeAppointments(@Ctx() ctx: RequestContext): Promise<IntakeAppointment[]> {
    return myIntakeAppointments(ctx);
  }

  @Query(() => MembershipFollowUpConnection, {
    description: "Coordinators and tenant admins: a membership's follow-up log, newest contact first. Audited.",
  })
  membershipFollowUps(
    @Arg("membershipId", () => ID) membershipId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return membershipFollowUps(ctx, membershipId, page);
  }

  @Query(() => FollowUpDueConnection, {
    description:
      "Coordinators and tenant admins: members whose next follow-up date (set by their latest logged contact) is today or past — or within `withinDays` — earliest first. Audited.",
  })
  followUpsDue(
    @Arg("networkId", () => ID, { nullable: true }) networkId: string | null,
    @Arg("withinDays", () => Int, { defaultValue: 0, description: "0–366: also those due within this many days." }) withinDays: number,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return followUpsDue(ctx, { networkId, withinDays }, page);
  }

  @Mutation(() => BookIntakeAppointmentPayload, { description: "Coordinators and tenant admins: book an intake (introduction) meeting." })
  bookIntakeAppointment(
    @Arg("input", () => BookIntakeAppointmentInput) input: BookIntakeAppointmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<BookIntakeAppointmentPayload> {
    return bookIntakeAppointment(ctx, input);
  }

  @Mutation(() => RescheduleIntakeAppointmentPayload, {
    description: "Coordinators and tenant admins: move an intake meeting to a new time.",
  })
  rescheduleIntakeAppointment(
    @Arg("input", () => RescheduleIntakeAppointmentInput) input: RescheduleIntakeAppointmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RescheduleIntakeAppointmentPayload> {
    return rescheduleIntakeAppointment(ctx, input);
  }

  @Mutation(() => RecordIntakeAppointmentOutcomePayload, {
    description: "Coordinators and tenant admins: record that an intake meeting was held, missed or cancelled.",
  })
  recordIntakeAppointmentOutcome(
    @Arg("input", () => RecordIntakeAppointmentOutcomeInput) input: RecordIntakeAppointmentOutcomeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordIntakeAppointmentOutcomePayload> {
    return recordIntakeAppointmentOutcome(ctx, input);
  }

  @Mutation(() => LogMembershipFollowUpPayload, { description: "Coordinators and tenant admins: log a contact in a member's follow-up." })
  logMembershipFollowUp(
    @Arg("input", () => LogMembershipFollowUpInput) input: LogMembershipFollowUpInput,
    @Ctx() ctx: RequestContext,
  ): Promise<LogMembershipFollowUpPayload> {
    return logMembershipFollowUp(ctx, input);
  }
}

@Resolver(() => Membership)
export class MembershipAppointmentsResolver {
  @FieldResolver(() => [IntakeAppointment], {
    nullable: true,
    description: "Intake appointments, latest first; for coordinators of the membership's network and tenant admins, otherwise null.",
  })
  intakeAppointments(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<IntakeAppointment[] | null> {
    return membershipAppointments(ctx, membership);
  }
}
