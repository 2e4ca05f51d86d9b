import {
  ageOn,
  checkTransition,
  fieldError,
  type IntakeFacts,
  type IntakeViolation,
  intakeStepForSession,
  type MembershipStatus,
  normaliseLine,
  type TrainingSessionStep,
} from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { assertVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { toIntakeRules } from "../intake-rules/intake-rules.mapper.js";
import type { Membership } from "../member/member.type.js";
import { intakeRuleNotMet } from "../registration/registration.service.js";
import type { RecordIntroductionHeldInput, TransitionMembershipInput } from "./intake.input.js";
import { toMembership } from "./intake.mapper.js";
import type { RecordIntroductionHeldPayload, TransitionMembershipPayload } from "./intake.payload.js";
import {
  findIntakeRuleSets,
  findMembership,
  findVisibleMembership,
  hasGuardianConsent,
  insertMembershipEvent,
  type MembershipChange,
  type MembershipRow,
  updateMembershipIfVersion,
} from "./intake.repository.js";
import type { MembershipEvent } from "./intake.type.js";

export const MEMBERSHIP = { sv: "Medlemskapet", en: "The membership" };
const NOTE = { sv: "Anteckning", en: "Note" };
const NOTE_MAX = 2000;

/** A coordinator of the actor's tenant. Shield guards the root fields; this holds for any other path too. */
export function requireCoordinator(ctx: RequestContext): StaffActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" || !actor.grants.some((grant) => grant.role === "COORDINATOR")) throw forbidden(ctx.locale);
  return actor;
}

/** A trimmed note, null when empty; too long a note is a field error. */
export function cleanNote(note: string | null | undefined, ctx: RequestContext): string | null {
  const text = note?.trim() ?? "";
  if (text.length > NOTE_MAX) {
    throw badUserInput([fieldError("input.note", "TOO_LONG", NOTE, { max: NOTE_MAX })], ctx.locale);
  }
  return text === "" ? null : text;
}

type VisibleMembership = NonNullable<Awaited<ReturnType<typeof findVisibleMembership>>>;

/**
 * What the intake rules need to know, read from the stored facts. Moving to CONTACTED is itself the record of the
 * call, so that move counts the call as made.
 */
export function intakeFacts(membership: VisibleMembership, guardianConsentGiven: boolean, to: MembershipStatus, now: Date): IntakeFacts {
  const { member } = membership;
  const birth = { birthDate: member.birthDate ? member.birthDate.toISOString().slice(0, 10) : null, birthYear: member.birthYear };
  const organisation = member.organisationRepresented ? normaliseLine(member.organisationRepresented) : "";
  return {
    age: ageOn(birth, now),
    guardianConsentGiven,
    contactCallRecorded: membership.contactCallAt !== null || to === "CONTACTED",
    introductionMeetingHeld: membership.introductionHeldAt !== null,
    trainingAttended: membership.trainedAt !== null,
    municipality: member.municipality,
    representsOrganisation: organisation !== "",
    // There is no separate "mandate recorded" column: naming the organisation is taken as recording its mandate.
    organisationMandateRecorded: organisation !== "",
  };
}

/** The dates a move records, so the history and statistics need not reconstruct them from events. */
function stampsFor(to: MembershipStatus, now: Date): MembershipChange {
  switch (to) {
    case "CONTACTED":
      return { contactCallAt: now };
    case "INTRODUCTION_BOOKED":
      return { introductionBookedAt: now };
    case "ACTIVE":
      return { activatedAt: now };
    case "WITHDRAWN":
      return { withdrawnAt: now };
    default:
      return {};
  }
}

const refusedStep = (violations: readonly IntakeViolation[], ctx: RequestContext) => ({
  membership: null,
  errors: violations.map((violation) => intakeRuleNotMet(violation, ctx.locale)),
});

/** Who takes an intake step, as its event records it: a coordinator, or the member booking a session place. */
export interface IntakeStepActor {
  readonly tenantId: string;
  readonly actorType: "STAFF" | "MEMBER";
  readonly actorId: string | null;
}

export const byStaff = (actor: StaffActor): IntakeStepActor => ({
  tenantId: actor.tenantId,
  actorType: "STAFF",
  actorId: actor.staffUserId,
});

/**
 * One membership moves one step, and writes its event and audit in the same transaction. Shared by the coordinator's
 * mutation, the guardian-consent flows and the steps sessions take, so every move is checked by the domain's rules.
 */
export async function applyTransition(
  ctx: RequestContext,
  tx: Tx,
  actor: IntakeStepActor,
  membership: VisibleMembership | MembershipRow,
  change: { to: MembershipStatus; note: string | null; now: Date; extra?: MembershipChange; purpose: string },
): Promise<Membership> {
  const from = membership.status;
  const data: MembershipChange = { status: change.to, statusChangedAt: change.now, ...stampsFor(change.to, change.now), ...change.extra };
  const updated = await updateMembershipIfVersion(tx, actor.tenantId, membership.id, membership.version, data);
  if (updated !== 1) throw conflict(ctx.locale);
  await insertMembershipEvent(tx, actor.tenantId, {
    membershipId: membership.id,
    fromStatus: from,
    toStatus: change.to,
    note: change.note,
    actorType: actor.actorType,
    actorId: actor.actorId,
    at: change.now,
  });
  const after = (await findMembership(tx, actor.tenantId, membership.id)) as MembershipRow;
  const { member: _member, ...before } = membership as VisibleMembership;
  await ctx.audit.recordChange(tx, actor.tenantId, {
    subjectType: "Membership",
    subjectId: membership.id,
    memberId: membership.memberId,
    before,
    after,
    purpose: change.purpose,
  });
  return toMembership(after);
}

export async function transitionMembership(ctx: RequestContext, input: TransitionMembershipInput): Promise<TransitionMembershipPayload> {
  const actor = requireCoordinator(ctx);
  const note = cleanNote(input.note, ctx);
  if (!isId(input.membershipId)) return { membership: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<TransitionMembershipPayload> => {
    const membership = await findVisibleMembership(tx, actor.tenantId, input.membershipId, coordinatedNetworks(actor));
    if (!membership) return { membership: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
    if (membership.version !== input.expectedVersion) throw conflict(ctx.locale);
    const to = input.to as MembershipStatus;
    if (to === "ERASED") {
      // Erasure removes the person's data everywhere; it is the data-subject request's job, not an intake step.
      return refusedStep([erasureIsNotAnIntakeStep], ctx);
    }
    const rules = toIntakeRules((await findIntakeRuleSets(tx, actor.tenantId, [membership.networkId])).get(membership.networkId) ?? null);
    const facts = intakeFacts(membership, await hasGuardianConsent(tx, actor.tenantId, membership.memberId), to, now);
    const check = checkTransition({ from: membership.status, to, facts, rules });
    if (!check.ok) return refusedStep(check.violations, ctx);
    const after = await applyTransition(ctx, tx, byStaff(actor), membership, { to, note, now, purpose: `intake: ${to}` });
    return { membership: after, errors: [] };
  });
}

/**
 * The step a network's session takes by itself (the domain's `intakeStepForSession`), in the caller's transaction:
 * a place booked is the introduction booked, attendance is the training attended. Nothing happens when the rules
 * would refuse the move; the coordinator then moves the membership by hand.
 */
export async function takeSessionStep(
  ctx: RequestContext,
  tx: Tx,
  actor: IntakeStepActor,
  membershipId: string,
  step: TrainingSessionStep,
  now: Date,
): Promise<void> {
  const membership = await findVisibleMembership(tx, actor.tenantId, membershipId, "ALL");
  if (!membership) return;
  const rules = toIntakeRules((await findIntakeRuleSets(tx, actor.tenantId, [membership.networkId])).get(membership.networkId) ?? null);
  const facts = intakeFacts(membership, await hasGuardianConsent(tx, actor.tenantId, membership.memberId), membership.status, now);
  const to = intakeStepForSession(step, membership.status, facts, rules);
  if (!to) return;
  await applyTransition(ctx, tx, actor, membership, {
    to,
    note: step === "PLACE_BOOKED" ? "Place booked on an introduction session" : "Training session attended",
    now,
    purpose: step === "PLACE_BOOKED" ? "intake: introduction booked on a session" : "intake: training attended",
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

const CLOSED: MembershipStatus[] = ["WITHDRAWN", "ERASED"];

/** Records the introduction meeting as held, without a status change; it is what later steps are checked against. */
export async function recordIntroductionHeld(
  ctx: RequestContext,
  input: RecordIntroductionHeldInput,
): Promise<RecordIntroductionHeldPayload> {
  const actor = requireCoordinator(ctx);
  const note = cleanNote(input.note, ctx);
  const now = new Date();
  const heldAt = input.heldAt ?? now;
  if (Number.isNaN(heldAt.getTime()) || heldAt.getTime() > now.getTime() + 60_000) {
    throw badUserInput(
      [fieldError("input.heldAt", "DATE_IN_FUTURE", { sv: "Datum för introduktionen", en: "Date of the introduction" })],
      ctx.locale,
    );
  }
  if (!isId(input.membershipId)) return { membership: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<RecordIntroductionHeldPayload> => {
    const membership = await findVisibleMembership(tx, actor.tenantId, input.membershipId, coordinatedNetworks(actor));
    if (!membership) return { membership: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
    if (membership.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (CLOSED.includes(membership.status)) return refusedStep([closedMembership], ctx);

    const updated = await updateMembershipIfVersion(tx, actor.tenantId, membership.id, input.expectedVersion, {
      introductionHeldAt: heldAt,
    });
    if (
      (await assertVersionedUpdate(updated, async () => (await findMembership(tx, actor.tenantId, membership.id)) !== null, ctx.locale)) ===
      "NOT_FOUND"
    ) {
      return { membership: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
    }
    // The event table has no "kind": a recorded fact is an event whose status does not change.
    await insertMembershipEvent(tx, actor.tenantId, {
      membershipId: membership.id,
      fromStatus: membership.status,
      toStatus: membership.status,
      note: note ?? "Introduction meeting held",
      actorType: "STAFF",
      actorId: actor.staffUserId,
      at: now,
    });
    const after = (await findMembership(tx, actor.tenantId, membership.id)) as MembershipRow;
    const { member: _member, ...before } = membership;
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "Membership",
      subjectId: membership.id,
      memberId: membership.memberId,
      before,
      after,
      purpose: "intake: introduction held",
    });
    return { membership: toMembership(after), errors: [] };
  });
}

const closedMembership: IntakeViolation = {
  rule: "TRANSITION_NOT_ALLOWED",
  missing: "transition",
  message: { sv: "Medlemskapet är avslutat.", en: "The membership has been withdrawn." },
};

/** A membership of a network the coordinator coordinates; anything else reads as missing. */
export async function getMembership(ctx: RequestContext, id: string): Promise<Membership | null> {
  const actor = requireCoordinator(ctx);
  if (!isId(id)) return null;
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const row = await findVisibleMembership(tx, actor.tenantId, id, coordinatedNetworks(actor));
    if (!row) return null;
    const { member: _member, ...membership } = row;
    return toMembership(membership);
  });
}

function coordinates(ctx: RequestContext, networkId: string): boolean {
  const networks = coordinatedNetworks(ctx.actor);
  return networks === "ALL" || networks.includes(networkId);
}

/** The history, for coordinators of the membership's network only (notes are staff working notes). */
export async function membershipEvents(ctx: RequestContext, membership: Membership): Promise<MembershipEvent[] | null> {
  if (!("tenantId" in ctx.actor) || ctx.actor.tenantId !== membership.tenantId || !coordinates(ctx, membership.networkId)) return null;
  const rows = await ctx.loaders(membership.tenantId).membershipEventsByMembershipId.load(membership.id);
  return rows.map((row) => ({
    ...row,
    fromStatus: row.fromStatus as MembershipEvent["fromStatus"],
    toStatus: row.toStatus as MembershipEvent["toStatus"],
  }));
}

/** An intake date of a membership: from the object when it carries it, otherwise loaded. */
export async function membershipIntakeDate(
  ctx: RequestContext,
  membership: Membership,
  field: "contactCallAt" | "introductionBookedAt" | "introductionHeldAt" | "activatedAt" | "withdrawnAt",
): Promise<Date | null> {
  const own = (membership as Partial<MembershipRow>)[field];
  if (own !== undefined) return own;
  const row = await ctx.loaders(membership.tenantId).membershipIntakeById.load(membership.id);
  return row?.[field] ?? null;
}
