import {
  checkAppointmentAction,
  checkTransition,
  type FieldError,
  fieldError,
  type IntakeAppointmentAction,
  type IntakeViolation,
  isFollowUpDue,
  type Locale,
  type MembershipStatus,
  validateAppointmentTime,
  validateFollowUp,
} from "@medverkan/domain";
import { badUserInput, conflict, forbidden } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { withIdempotency } from "../common/idempotency/idempotency.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { toIntakeRules } from "../intake-rules/intake-rules.mapper.js";
import type { NetworkVisibility } from "../member/member.repository.js";
import type { Membership } from "../member/member.type.js";
import { enqueueIntakeAppointmentMessage } from "../notification/enqueue.js";
import { networksWhere, Permission } from "../permissions/permission.js";
import { findMembersNotToProcess } from "../privacy/privacy.repository.js";
import { processingRestricted } from "../privacy/processing-restriction.js";
import { intakeRuleNotMet } from "../registration/registration.service.js";
import type {
  BookIntakeAppointmentInput,
  LogMembershipFollowUpInput,
  RecordIntakeAppointmentOutcomeInput,
  RescheduleIntakeAppointmentInput,
} from "./appointment.input.js";
import type {
  BookIntakeAppointmentPayload,
  LogMembershipFollowUpPayload,
  RecordIntakeAppointmentOutcomePayload,
  RescheduleIntakeAppointmentPayload,
} from "./appointment.payload.js";
import {
  type AppointmentRow,
  type FollowUpRow,
  findAppointment,
  findFollowUp,
  findLatestFollowUpsWithDateUntil,
  findOpenAppointmentOfMembership,
  findVisibleAppointment,
  insertAppointment,
  insertFollowUp,
  listAppointmentsOfMembership,
  listFollowUps,
  listUpcomingAppointmentsOfMember,
  updateAppointmentIfVersion,
} from "./appointment.repository.js";
import {
  type FollowUpDue,
  type IntakeAppointment,
  IntakeAppointmentNotChangeable,
  IntakeAppointmentRefusal,
  type IntakeAppointmentStatus,
  type IntakeAppointmentTime,
  InvalidIntakeInput,
  type MembershipFollowUp,
} from "./appointment.type.js";
import { toMember, toMembership } from "./intake.mapper.js";
import {
  findIntakeRuleSets,
  findMembership,
  findVisibleMembership,
  hasGuardianConsent,
  insertMembershipEvent,
  type MembershipRow,
  updateMembershipIfVersion,
} from "./intake.repository.js";
import { applyTransition, byStaff, intakeFacts, MEMBERSHIP } from "./intake.service.js";

// Intake appointments (a dated introduction meeting per membership) and the follow-up log (issue 21). Coordinators of
// the membership's network manage them, and tenant admins of the whole tenant; anyone else finds nothing. The rules —
// which changes an appointment allows, what a booking must say, when a follow-up is due — are the domain's.

const APPOINTMENT = { sv: "Mötet", en: "The appointment" };
const NOTE_MAX = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who manages intake appointments and the follow-up log, and in which networks. */
function requireIntakeStaff(ctx: RequestContext): { actor: StaffActor; networks: NetworkVisibility } {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const networks = networksWhere(actor, Permission.ManageIntake);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  return { actor, networks };
}

// Every FieldErrorCode and IntakeAppointmentRefusal is an ErrorCode of its own name: a new one fails the type check here.
const invalid = (errors: readonly FieldError[], locale: Locale) =>
  errors.map((error) => errorResult(InvalidIntakeInput, error.code, error.message, locale, { field: error.field }));

const notChangeable = (reason: IntakeAppointmentRefusal, message: { sv: string; en: string }, locale: Locale) =>
  errorResult(IntakeAppointmentNotChangeable, reason, message, locale, { reason });

const MEMBERSHIP_CLOSED_MESSAGE = {
  sv: "Medlemskapet är avslutat: inga nya möten kan bokas.",
  en: "The membership has been withdrawn: no new appointments can be booked.",
};

/** A trimmed text, null when empty. */
const clean = (text: string | null | undefined): string | null => {
  const trimmed = text?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
};

function noteErrors(note: string | null): FieldError[] {
  return note !== null && note.length > NOTE_MAX
    ? [fieldError("input.note", "TOO_LONG", { sv: "Anteckning", en: "Note" }, { max: NOTE_MAX })]
    : [];
}

interface StoredTime {
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  digitalLink: string | null;
  movedAt: string;
}

const storedTimes = (value: unknown): StoredTime[] => (Array.isArray(value) ? (value as StoredTime[]) : []);

/** The GraphQL object; `forMember` leaves out the coordinator's note. */
export function toIntakeAppointment(row: AppointmentRow, forMember = false): IntakeAppointment {
  const { membership, previousTimes, bookedById: _by, scheduledAt: _at, remindedForStartsAt: _reminded, ...rest } = row;
  return {
    ...rest,
    status: row.status as IntakeAppointmentStatus,
    note: forMember ? null : row.note,
    networkId: membership.networkId,
    memberId: membership.memberId,
    networkName: membership.network.name,
    previousTimes: storedTimes(previousTimes).map(
      (time): IntakeAppointmentTime => ({
        startsAt: new Date(time.startsAt),
        endsAt: time.endsAt ? new Date(time.endsAt) : null,
        place: time.place,
        digitalLink: time.digitalLink,
        movedAt: new Date(time.movedAt),
      }),
    ),
  };
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export function toMembershipFollowUp(row: FollowUpRow): MembershipFollowUp {
  return {
    ...row,
    channel: row.channel as MembershipFollowUp["channel"],
    contactedOn: isoDate(row.contactedOn),
    nextFollowUpOn: row.nextFollowUpOn ? isoDate(row.nextFollowUpOn) : null,
  };
}

async function rulesAndFacts(
  tx: Tx,
  tenantId: string,
  membership: NonNullable<Awaited<ReturnType<typeof findVisibleMembership>>>,
  to: MembershipStatus,
  now: Date,
) {
  const rules = toIntakeRules((await findIntakeRuleSets(tx, tenantId, [membership.networkId])).get(membership.networkId) ?? null);
  const facts = intakeFacts(membership, await hasGuardianConsent(tx, tenantId, membership.memberId), to, now);
  return { rules, facts };
}

/** GDPR art. 18: a restricted member's data is only stored; booking, moving or logging is refused, saying why. */
async function refuseIfRestricted(ctx: RequestContext, tx: Tx, tenantId: string, memberId: string): Promise<void> {
  if ((await findMembersNotToProcess(tx, tenantId, [memberId])).size > 0) throw processingRestricted(ctx.locale);
}

const BOOKING_MOVES: MembershipStatus[] = ["REGISTERED", "CONTACTED"];
const CLOSED: MembershipStatus[] = ["WITHDRAWN", "ERASED"];

/**
 * Books an appointment. The membership moves to INTRODUCTION_BOOKED when it is REGISTERED or CONTACTED and the rules
 * allow it (a minor without consent stays, and the payload says why); the member gets the booking e-mail with its
 * calendar file, in the same transaction.
 */
export async function bookIntakeAppointment(ctx: RequestContext, input: BookIntakeAppointmentInput): Promise<BookIntakeAppointmentPayload> {
  const { actor, networks } = requireIntakeStaff(ctx);
  const now = new Date();
  const refused = (errors: BookIntakeAppointmentPayload["errors"]): BookIntakeAppointmentPayload => ({
    appointment: null,
    membership: null,
    statusNotChangedBecause: [],
    errors,
  });
  if (!isId(input.membershipId)) return refused([notFound(MEMBERSHIP, ctx.locale)]);
  const time = { startsAt: input.startsAt, endsAt: input.endsAt ?? null, place: clean(input.place), digitalLink: clean(input.digitalLink) };
  const note = clean(input.note);
  const errors = [...validateAppointmentTime(time, now), ...noteErrors(note)];
  if (errors.length > 0) return refused(invalid(errors, ctx.locale));

  const book = async (tx: Tx): Promise<BookIntakeAppointmentPayload> => {
    const membership = await findVisibleMembership(tx, actor.tenantId, input.membershipId, networks);
    if (!membership) return refused([notFound(MEMBERSHIP, ctx.locale)]);
    await refuseIfRestricted(ctx, tx, actor.tenantId, membership.memberId);
    if (CLOSED.includes(membership.status)) {
      return refused([notChangeable(IntakeAppointmentRefusal.MEMBERSHIP_CLOSED, MEMBERSHIP_CLOSED_MESSAGE, ctx.locale)]);
    }
    if (await findOpenAppointmentOfMembership(tx, actor.tenantId, membership.id)) {
      return refused([
        notChangeable(
          IntakeAppointmentRefusal.ALREADY_BOOKED,
          {
            sv: "Medlemskapet har redan ett bokat möte. Boka om det i stället, eller avboka det först.",
            en: "The membership already has an appointment booked. Reschedule it instead, or cancel it first.",
          },
          ctx.locale,
        ),
      ]);
    }
    const row = await insertAppointment(tx, {
      tenantId: actor.tenantId,
      membershipId: membership.id,
      ...time,
      note,
      bookedById: actor.staffUserId,
      at: now,
    });
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "IntakeAppointment",
      subjectId: row.id,
      memberId: membership.memberId,
      before: null,
      after: row,
      purpose: "intake: appointment booked",
    });

    let after: Membership = toMembership(stripMember(membership));
    const statusNotChangedBecause = [];
    if (BOOKING_MOVES.includes(membership.status)) {
      const to: MembershipStatus = "INTRODUCTION_BOOKED";
      const { rules, facts } = await rulesAndFacts(tx, actor.tenantId, membership, to, now);
      const check = checkTransition({ from: membership.status, to, facts, rules });
      if (check.ok) {
        after = await applyTransition(ctx, tx, byStaff(actor), membership, {
          to,
          note: "Introduction meeting booked",
          now,
          purpose: "intake: introduction meeting booked",
        });
      } else {
        statusNotChangedBecause.push(...check.violations.map((violation) => intakeRuleNotMet(violation, ctx.locale)));
      }
    }
    await enqueueIntakeAppointmentMessage(tx, { tenantId: actor.tenantId, appointmentId: row.id, kind: "INTAKE_APPOINTMENT_BOOKED" });
    return { appointment: toIntakeAppointment(row), membership: after, statusNotChangedBecause, errors: [] };
  };

  return ctx.scope(actor.tenantId).transaction((tx) =>
    // A retried booking with the same Idempotency-Key gets the first answer and books nothing twice.
    withIdempotency(ctx, tx, actor.tenantId, "bookIntakeAppointment", input, () => book(tx), {
      store: (payload) => (payload.appointment ? { appointmentId: payload.appointment.id } : null),
      replay: async (stored) => {
        const { appointmentId } = stored as { appointmentId: string };
        const row = await findVisibleAppointment(tx, actor.tenantId, appointmentId, networks);
        const membership = row ? await findMembership(tx, actor.tenantId, row.membershipId) : null;
        return {
          appointment: row ? toIntakeAppointment(row) : null,
          membership: membership ? toMembership(membership) : null,
          statusNotChangedBecause: [],
          errors: [],
        };
      },
    }),
  );
}

function stripMember<T extends { member?: unknown }>(row: T): Omit<T, "member"> {
  const { member: _member, ...rest } = row;
  return rest;
}

/** The appointment the staff member may manage, read in their transaction, with the action checked. */
async function changeable(
  ctx: RequestContext,
  tx: Tx,
  scope: { actor: StaffActor; networks: NetworkVisibility },
  appointmentId: string,
  expectedVersion: number,
  action: IntakeAppointmentAction,
  now: Date,
) {
  const row = await findVisibleAppointment(tx, scope.actor.tenantId, appointmentId, scope.networks);
  if (!row) return { ok: false as const, error: notFound(APPOINTMENT, ctx.locale) };
  await refuseIfRestricted(ctx, tx, scope.actor.tenantId, row.membership.memberId);
  if (row.version !== expectedVersion) throw conflict(ctx.locale);
  const check = checkAppointmentAction({ status: row.status as IntakeAppointmentStatus, startsAt: row.startsAt }, action, now);
  if (!check.ok) return { ok: false as const, error: notChangeable(IntakeAppointmentRefusal[check.code], check.message, ctx.locale) };
  return { ok: true as const, row, to: check.to };
}

/** A new time (and place) for an appointment still to come; the old time goes into its history, the member is told. */
export async function rescheduleIntakeAppointment(
  ctx: RequestContext,
  input: RescheduleIntakeAppointmentInput,
): Promise<RescheduleIntakeAppointmentPayload> {
  const scope = requireIntakeStaff(ctx);
  const { actor } = scope;
  const now = new Date();
  if (!isId(input.appointmentId)) return { appointment: null, errors: [notFound(APPOINTMENT, ctx.locale)] };
  const note = input.note === undefined ? undefined : clean(input.note);
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<RescheduleIntakeAppointmentPayload> => {
    const found = await changeable(ctx, tx, scope, input.appointmentId, input.expectedVersion, "RESCHEDULE", now);
    if (!found.ok) return { appointment: null, errors: [found.error] };
    const { row } = found;
    const time = {
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? null,
      place: input.place === undefined ? row.place : clean(input.place),
      digitalLink: input.digitalLink === undefined ? row.digitalLink : clean(input.digitalLink),
    };
    const errors = [...validateAppointmentTime(time, now), ...noteErrors(note ?? null)];
    if (errors.length > 0) return { appointment: null, errors: invalid(errors, ctx.locale) };
    const previous: StoredTime = {
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt?.toISOString() ?? null,
      place: row.place,
      digitalLink: row.digitalLink,
      movedAt: now.toISOString(),
    };
    const updated = await updateAppointmentIfVersion(tx, actor.tenantId, row.id, row.version, {
      ...time,
      ...(note !== undefined ? { note } : {}),
      status: "RESCHEDULED",
      statusChangedAt: now,
      scheduledAt: now,
      previousTimes: [...storedTimes(row.previousTimes), previous] as unknown as object[],
    });
    if (updated !== 1) throw conflict(ctx.locale);
    const after = (await findAppointment(tx, actor.tenantId, row.id)) as AppointmentRow;
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "IntakeAppointment",
      subjectId: row.id,
      memberId: row.membership.memberId,
      before: row,
      after,
      purpose: "intake: appointment rescheduled",
    });
    await enqueueIntakeAppointmentMessage(tx, {
      tenantId: actor.tenantId,
      appointmentId: row.id,
      kind: "INTAKE_APPOINTMENT_RESCHEDULED",
      previousStartsAt: row.startsAt,
    });
    return { appointment: toIntakeAppointment(after), errors: [] };
  });
}

/**
 * HELD, NO_SHOW or CANCELLED. HELD records the introduction meeting as held on the membership (the fact later intake
 * steps are checked against) and, when asked, moves the membership on as the rules allow — checked with the meeting
 * held. A refused move refuses the whole outcome, so the coordinator can correct it and send it again.
 */
export async function recordIntakeAppointmentOutcome(
  ctx: RequestContext,
  input: RecordIntakeAppointmentOutcomeInput,
): Promise<RecordIntakeAppointmentOutcomePayload> {
  const scope = requireIntakeStaff(ctx);
  const { actor } = scope;
  const now = new Date();
  const refused = (errors: RecordIntakeAppointmentOutcomePayload["errors"]) => ({ appointment: null, membership: null, errors });
  if (!isId(input.appointmentId)) return refused([notFound(APPOINTMENT, ctx.locale)]);
  const note = input.note === undefined ? undefined : clean(input.note);
  const problems = noteErrors(note ?? null);
  const moveTo = (input.moveMembershipTo ?? null) as MembershipStatus | null;
  if (moveTo !== null && input.outcome !== "HELD") {
    problems.push(
      fieldError(
        "input.moveMembershipTo",
        "NOT_ALLOWED",
        { sv: "Nytt steg för medlemskapet", en: "The membership's next step" },
        {
          hint: {
            sv: "Medlemskapet kan bara flyttas vidare när mötet har hållits.",
            en: "The membership can only move on when the meeting was held.",
          },
        },
      ),
    );
  }
  if (problems.length > 0) return refused(invalid(problems, ctx.locale));

  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<RecordIntakeAppointmentOutcomePayload> => {
    const found = await changeable(ctx, tx, scope, input.appointmentId, input.expectedVersion, input.outcome, now);
    if (!found.ok) return refused([found.error]);
    const { row } = found;
    const membership = await findVisibleMembership(tx, actor.tenantId, row.membershipId, scope.networks);
    if (!membership) return refused([notFound(APPOINTMENT, ctx.locale)]);

    let after: Membership = toMembership(stripMember(membership));
    if (input.outcome === "HELD") {
      const heldAt = membership.introductionHeldAt ?? row.startsAt;
      if (moveTo !== null) {
        // Erasure removes the person everywhere; it is the data-subject request's job, not an intake step.
        if (moveTo === "ERASED") return refused([intakeRuleNotMet(erasureIsNotAnIntakeStep, ctx.locale)]);
        const { rules, facts } = await rulesAndFacts(tx, actor.tenantId, membership, moveTo, now);
        const check = checkTransition({ from: membership.status, to: moveTo, facts: { ...facts, introductionMeetingHeld: true }, rules });
        if (!check.ok) return refused(check.violations.map((violation) => intakeRuleNotMet(violation, ctx.locale)));
        after = await applyTransition(ctx, tx, byStaff(actor), membership, {
          to: moveTo,
          note: "Introduction meeting held",
          now,
          extra: { introductionHeldAt: heldAt },
          purpose: `intake: introduction meeting held, ${moveTo}`,
        });
      } else if (membership.introductionHeldAt === null) {
        if (
          (await updateMembershipIfVersion(tx, actor.tenantId, membership.id, membership.version, { introductionHeldAt: heldAt })) !== 1
        ) {
          throw conflict(ctx.locale);
        }
        // A recorded fact is an event whose status does not change (as recordIntroductionHeld writes it).
        await insertMembershipEvent(tx, actor.tenantId, {
          membershipId: membership.id,
          fromStatus: membership.status,
          toStatus: membership.status,
          note: "Introduction meeting held",
          actorType: "STAFF",
          actorId: actor.staffUserId,
          at: now,
        });
        after = toMembership((await findMembership(tx, actor.tenantId, membership.id)) as MembershipRow);
      }
    }

    const updated = await updateAppointmentIfVersion(tx, actor.tenantId, row.id, row.version, {
      status: found.to,
      statusChangedAt: now,
      ...(note !== undefined ? { note } : {}),
    });
    if (updated !== 1) throw conflict(ctx.locale);
    const changed = (await findAppointment(tx, actor.tenantId, row.id)) as AppointmentRow;
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "IntakeAppointment",
      subjectId: row.id,
      memberId: row.membership.memberId,
      before: row,
      after: changed,
      purpose: `intake: appointment ${found.to.toLowerCase()}`,
    });
    return { appointment: toIntakeAppointment(changed), membership: after, errors: [] };
  });
}

const erasureIsNotAnIntakeStep: IntakeViolation = {
  rule: "TRANSITION_NOT_ALLOWED",
  missing: "transition",
  message: {
    sv: "Radering görs genom personens begäran om radering, inte som ett steg i introduktionen.",
    en: "Erasure is done through the person's erasure request, not as an intake step.",
  },
};

/** One appointment, for staff who manage the membership; audited as a read of the member's data. */
export async function getIntakeAppointment(ctx: RequestContext, id: string): Promise<IntakeAppointment | null> {
  const { actor, networks } = requireIntakeStaff(ctx);
  if (!isId(id)) return null;
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const row = await findVisibleAppointment(tx, actor.tenantId, id, networks);
    if (!row) return null;
    await ctx.audit.record(tx, actor.tenantId, {
      action: "READ",
      subjectType: "IntakeAppointment",
      subjectId: row.id,
      memberId: row.membership.memberId,
      purpose: "intake appointment",
    });
    return toIntakeAppointment(row);
  });
}

/** Membership.intakeAppointments: for staff who manage the membership (otherwise null), latest first; audited. */
export async function membershipAppointments(ctx: RequestContext, membership: Membership): Promise<IntakeAppointment[] | null> {
  const visible = await managedMembership(ctx, membership);
  if (!visible) return null;
  return ctx.scope(visible.tenantId).transaction(async (tx) => {
    const row = await findVisibleMembership(tx, visible.tenantId, membership.id, visible.networks);
    if (!row) return null;
    const rows = await listAppointmentsOfMembership(tx, visible.tenantId, membership.id);
    if (rows.length > 0) {
      await ctx.audit.record(tx, visible.tenantId, {
        action: "READ",
        subjectType: "IntakeAppointment",
        subjectId: membership.id,
        memberId: row.memberId,
        purpose: "intake appointments of a membership",
      });
    }
    return rows.map((appointment) => toIntakeAppointment(appointment));
  });
}

async function managedMembership(ctx: RequestContext, membership: Membership) {
  const actor = ctx.actor;
  if (actor.kind !== "STAFF" || actor.tenantId !== membership.tenantId) return null;
  let networks: NetworkVisibility;
  try {
    networks = requireIntakeStaff(ctx).networks;
  } catch {
    return null;
  }
  if (networks !== "ALL" && !networks.includes(membership.networkId)) return null;
  return { tenantId: actor.tenantId, networks };
}

/** "Mina sidor": the member's own appointments still to come (and one that started within the last hours). */
export async function myIntakeAppointments(ctx: RequestContext): Promise<IntakeAppointment[]> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const from = new Date(Date.now() - 6 * 60 * 60 * 1000);
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const rows = await listUpcomingAppointmentsOfMember(tx, actor.tenantId, actor.memberId, from);
    return rows.map((row) => toIntakeAppointment(row, true));
  });
}

/** For the calendar file: the appointment, if the asker is its member or manages it. */
export async function intakeAppointmentForCalendar(ctx: RequestContext, id: string): Promise<IntakeAppointment | null> {
  const actor = requireTenantActor(ctx);
  if (!isId(id)) return null;
  if (actor.kind === "MEMBER") {
    return ctx.scope(actor.tenantId).transaction(async (tx) => {
      const row = await findAppointment(tx, actor.tenantId, id);
      return row && row.membership.memberId === actor.memberId ? toIntakeAppointment(row, true) : null;
    });
  }
  try {
    return await getIntakeAppointment(ctx, id);
  } catch {
    return null;
  }
}

// ----- the follow-up log ------------------------------------------------------------------------------------------

async function tenantToday(ctx: RequestContext, tenantId: string): Promise<string> {
  return ctx.loaders(tenantId).tenantToday.load(tenantId);
}

/** Logs one contact. The dates are the tenant's calendar dates; a contact cannot be logged for tomorrow. */
export async function logMembershipFollowUp(ctx: RequestContext, input: LogMembershipFollowUpInput): Promise<LogMembershipFollowUpPayload> {
  const { actor, networks } = requireIntakeStaff(ctx);
  if (!isId(input.membershipId)) return { followUp: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
  const today = await tenantToday(ctx, actor.tenantId);
  const note = clean(input.note);
  const next = clean(input.nextFollowUpOn);
  const errors = validateFollowUp({ contactedOn: input.contactedOn, nextFollowUpOn: next, note }, today);
  if (errors.length > 0) return { followUp: null, errors: invalid(errors, ctx.locale) };

  const log = async (tx: Tx): Promise<LogMembershipFollowUpPayload> => {
    const membership = await findVisibleMembership(tx, actor.tenantId, input.membershipId, networks);
    if (!membership) return { followUp: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
    await refuseIfRestricted(ctx, tx, actor.tenantId, membership.memberId);
    const row = await insertFollowUp(tx, {
      tenantId: actor.tenantId,
      membershipId: membership.id,
      contactedOn: new Date(`${input.contactedOn}T00:00:00Z`),
      channel: input.channel,
      note,
      nextFollowUpOn: next ? new Date(`${next}T00:00:00Z`) : null,
      recordedById: actor.staffUserId,
    });
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "MembershipFollowUp",
      subjectId: row.id,
      memberId: membership.memberId,
      before: null,
      after: row,
      purpose: "intake: follow-up logged",
    });
    return { followUp: toMembershipFollowUp(row), errors: [] };
  };
  return ctx.scope(actor.tenantId).transaction((tx) =>
    withIdempotency(ctx, tx, actor.tenantId, "logMembershipFollowUp", input, () => log(tx), {
      store: (payload) => (payload.followUp ? { followUpId: payload.followUp.id } : null),
      replay: async (stored) => {
        const row = await findFollowUp(tx, actor.tenantId, (stored as { followUpId: string }).followUpId);
        return { followUp: row ? toMembershipFollowUp(row) : null, errors: [] };
      },
    }),
  );
}

/**
 * A membership's follow-up log, newest first. Another network's (or tenant's) membership reads as an empty log, as
 * one that does not exist. The notes are the member's personal data: a page with rows is an audited read.
 */
export async function membershipFollowUps(ctx: RequestContext, membershipId: string, args: PageArgs) {
  const { actor, networks } = requireIntakeStaff(ctx);
  const page = toPageRequest(args, ctx.locale);
  if (!isId(membershipId)) return toPage([], page, 0);
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const membership = await findVisibleMembership(tx, actor.tenantId, membershipId, networks);
    if (!membership) return toPage([], page, 0);
    const { rows, total } = await listFollowUps(tx, actor.tenantId, membership.id, page);
    if (rows.length > 0) {
      await ctx.audit.record(tx, actor.tenantId, {
        action: "READ",
        subjectType: "MembershipFollowUp",
        subjectId: membership.id,
        memberId: membership.memberId,
        purpose: "follow-up log",
      });
    }
    return toPage(rows.map(toMembershipFollowUp), page, total);
  });
}

/**
 * The coordinator's list of follow-ups due: members whose latest logged contact set a next date on or before today
 * (plus `withinDays`), earliest date first, in the networks they coordinate. Each member listed is an audited read.
 */
export async function followUpsDue(ctx: RequestContext, filter: { networkId: string | null; withinDays: number }, args: PageArgs) {
  const { actor, networks } = requireIntakeStaff(ctx);
  const page = toPageRequest(args, ctx.locale);
  if (!Number.isInteger(filter.withinDays) || filter.withinDays < 0 || filter.withinDays > 366) {
    throw badWithinDays(ctx.locale);
  }
  if (filter.networkId && (!isId(filter.networkId) || (networks !== "ALL" && !networks.includes(filter.networkId)))) {
    return toPage([], page, 0);
  }
  if (networks !== "ALL" && networks.length === 0) return toPage([], page, 0);
  const today = await tenantToday(ctx, actor.tenantId);
  const horizon = new Date(`${today}T00:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + filter.withinDays);
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const latest = await findLatestFollowUpsWithDateUntil(tx, actor.tenantId, filter.networkId ? [filter.networkId] : networks, horizon);
    const due = latest
      .map((row) => ({ row, followUp: toMembershipFollowUp(row) }))
      .filter(({ followUp }) => isFollowUpDue(followUp, today, filter.withinDays))
      .sort((a, b) =>
        (a.followUp.nextFollowUpOn as string) < (b.followUp.nextFollowUpOn as string)
          ? -1
          : (a.followUp.nextFollowUpOn as string) > (b.followUp.nextFollowUpOn as string)
            ? 1
            : a.row.id < b.row.id
              ? -1
              : 1,
      );
    const start = page.afterId ? due.findIndex(({ row }) => row.id === page.afterId) + 1 : 0;
    const slice = due.slice(start, start + page.take + 1);
    const shown = slice.slice(0, page.take);
    await ctx.audit.record(
      tx,
      actor.tenantId,
      shown.map(({ row }) => ({
        action: "READ" as const,
        subjectType: "Member",
        subjectId: row.membership.memberId,
        memberId: row.membership.memberId,
        purpose: "follow-ups due",
      })),
    );
    const items: FollowUpDue[] = slice.map(({ row, followUp }) => {
      const { member, ...membership } = row.membership;
      const next = followUp.nextFollowUpOn as string;
      return {
        id: row.id,
        membership: toMembership(membership),
        member: toMember(member),
        latest: followUp,
        nextFollowUpOn: next,
        daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${next}T00:00:00Z`)) / DAY_MS),
      };
    });
    return toPage(items, page, due.length);
  });
}

function badWithinDays(locale: Locale) {
  return badUserInput(
    [fieldError("withinDays", "OUT_OF_RANGE", { sv: "Antal dagar framåt", en: "Days ahead" }, { min: 0, max: 366 })],
    locale,
  );
}
