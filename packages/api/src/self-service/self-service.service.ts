import type { Perspective as DatabasePerspective } from "@medverkan/database";
import {
  ageOn,
  checkBirthAgainstIdentityNumber,
  checkTransition,
  isoDateInTimeZone,
  isPauseOver,
  type MemberProfile,
  memberDuplicateKeys,
  type ProfileChange,
  profileChanges,
  validateAvailabilityNote,
  validatePause,
  validateProfileCorrection,
  validateWithdrawalReason,
} from "@medverkan/domain";
import type { Actor } from "../auth/actor.js";
import { assertVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict, forbidden } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import { personalIdentityNumberFromInput, personalIdentityNumberTaken } from "../identity/personal-identity-number.payload.js";
import { toIntakeRules } from "../intake-rules/intake-rules.mapper.js";
import { findMember, findMembershipsByMemberIds, findTenantTimeZone } from "../member/member.repository.js";
import { toMember } from "../member/member.service.js";
import type { Member, Membership } from "../member/member.type.js";
import {
  findMemberIdsByPersonalIdentityNumber,
  lockPersonalIdentityNumber,
  readPersonalIdentityNumber,
} from "../member/personal-identity-number.repository.js";
import { recordPersonalIdentityNumber } from "../member/personal-identity-number.service.js";
import { IntakeRuleNotMet } from "../registration/registration.payload.js";
import { collectsPersonalIdentityNumbers } from "../tenant/tenant.repository.js";
import type {
  AddMyPauseInput,
  RemoveMyPauseInput,
  SetMyAvailabilityInput,
  UpdateMyProfileInput,
  WithdrawFromNetworkInput,
} from "./self-service.input.js";
import {
  type AddMyPausePayload,
  pauseEnded,
  type RemoveMyPausePayload,
  type SetMyAvailabilityPayload,
  type UpdateMyProfilePayload,
  type WithdrawFromNetworkPayload,
} from "./self-service.payload.js";
import {
  deletePause,
  findActiveTagKeys,
  findOwnMembership,
  findOwnPause,
  findOwnProfile,
  findTagsByKeys,
  insertMembershipEvent,
  insertPause,
  insertRevision,
  type ProfileData,
  type ProfileRow,
  recordMemberActivity,
  replaceExperienceTags,
  updateProfileIfVersion,
  withdrawMembershipIfUnchanged,
} from "./self-service.repository.js";
import type { MemberFieldChange, MemberPause, MemberRevision } from "./self-service.type.js";

type MemberActor = Extract<Actor, { kind: "MEMBER" }>;

const PROFILE = { sv: "Din profil", en: "Your profile" };
const PAUSE = { sv: "Pausen", en: "The pause" };
const MEMBERSHIP = { sv: "Medlemskapet", en: "The membership" };

/** Self-service is for the member of the token only; shield guards the root fields, this guards every other path. */
function requireMember(ctx: RequestContext): MemberActor {
  if (ctx.actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  return ctx.actor;
}

async function tenantToday(tx: Tx, tenantId: string): Promise<string> {
  const tenant = await findTenantTimeZone(tx, tenantId);
  return isoDateInTimeZone(new Date(), tenant?.timeZone);
}

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const toDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function toProfile(row: ProfileRow): MemberProfile {
  return {
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    phone: row.phone,
    birthDate: isoDate(row.birthDate),
    birthYear: row.birthYear,
    municipality: row.municipality,
    perspectives: row.perspectives,
    experienceTagKeys: row.experiences.map((experience) => experience.tag.key),
    experienceText: row.experienceText,
    competences: row.competences,
    languages: row.languages,
    accessibilityNeeds: row.accessibilityNeeds,
    availability: row.availabilityNote,
    organisationRepresented: row.organisationRepresented,
  };
}

function toProfileData(profile: MemberProfile): ProfileData {
  return {
    givenName: profile.givenName,
    familyName: profile.familyName,
    email: profile.email,
    phone: profile.phone,
    birthDate: toDate(profile.birthDate),
    birthYear: profile.birthYear,
    municipality: profile.municipality,
    perspectives: [...profile.perspectives] as DatabasePerspective[],
    experienceText: profile.experienceText,
    competences: [...profile.competences],
    languages: [...profile.languages],
    accessibilityNeeds: profile.accessibilityNeeds,
    availabilityNote: profile.availability,
    organisationRepresented: profile.organisationRepresented,
    ...memberDuplicateKeys(profile),
  };
}

// The revision names fields as the GraphQL `Member` type does, so a client can show history next to the profile.
const revisionField = (field: ProfileChange["field"]) => (field === "availability" ? "availabilityNote" : field);

/**
 * Writes a correction: the profile (under optimistic concurrency), its duplicate keys and tags, the revision with
 * before and after, and the audit event — all in the caller's transaction, so the history can never miss a change.
 */
async function applyCorrection(
  tx: Tx,
  ctx: RequestContext,
  actor: MemberActor,
  current: MemberProfile,
  corrected: MemberProfile,
  expectedVersion: number,
  purpose: string,
): Promise<Member | null> {
  const changes = profileChanges(current, corrected);
  if (changes.length > 0) {
    const data = toProfileData(corrected);
    const updated = await updateProfileIfVersion(tx, actor.tenantId, actor.memberId, expectedVersion, data);
    const outcome = await assertVersionedUpdate(
      updated,
      async () => (await findOwnProfile(tx, actor.tenantId, actor.memberId)) !== null,
      ctx.locale,
    );
    if (outcome === "NOT_FOUND") return null;
    if (changes.some((change) => change.field === "experienceTagKeys")) {
      const tags = await findTagsByKeys(tx, actor.tenantId, corrected.experienceTagKeys);
      await replaceExperienceTags(
        tx,
        actor.tenantId,
        actor.memberId,
        tags.map((tag) => tag.id),
      );
    }
    const recorded = changes.map((change) => ({ field: revisionField(change.field), before: change.before, after: change.after }));
    await insertRevision(tx, {
      tenantId: actor.tenantId,
      memberId: actor.memberId,
      changes: recorded,
      actorType: "MEMBER",
      actorId: actor.memberId,
    });
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "Member",
      subjectId: actor.memberId,
      memberId: actor.memberId,
      purpose,
      before: Object.fromEntries(recorded.map((change) => [change.field, change.before])),
      after: Object.fromEntries(recorded.map((change) => [change.field, change.after])),
    });
  }
  const row = await findMember(tx, actor.tenantId, actor.memberId, "ALL");
  return row ? toMember(row) : null;
}

/** GDPR art. 16: the member corrects their own profile; the registration's rules apply to the result. */
export async function updateMyProfile(ctx: RequestContext, input: UpdateMyProfileInput): Promise<UpdateMyProfilePayload> {
  const actor = requireMember(ctx);
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<UpdateMyProfilePayload> => {
    const row = await findOwnProfile(tx, actor.tenantId, actor.memberId);
    if (!row) return { member: null, errors: [notFound(PROFILE, ctx.locale)] };
    const current = toProfile(row);
    const [activeTags, today] = await Promise.all([findActiveTagKeys(tx, actor.tenantId), tenantToday(tx, actor.tenantId)]);
    const { expectedVersion, availabilityNote, personalIdentityNumber, ...fields } = input;
    const validation = validateProfileCorrection(
      current,
      { ...fields, ...(availabilityNote !== undefined ? { availability: availabilityNote } : {}) },
      {
        today,
        // A retired tag the member already has may stay; new ones must be in use.
        knownExperienceTagKeys: [...new Set([...activeTags.map((tag) => tag.key), ...current.experienceTagKeys])],
        // Intake decisions (guardian consent, minimum age) were made on the age given; it can be corrected, not removed.
        birthRequired: current.birthDate !== null || current.birthYear !== null,
      },
    );
    if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
    // The number is checked like the rest, but kept out of the revision history: it is recorded encrypted, audited apart.
    let pin: string | null = null;
    if (personalIdentityNumber != null && personalIdentityNumber.trim() !== "") {
      const chosen = personalIdentityNumberFromInput(personalIdentityNumber, actor, ctx.locale, {
        useVerified: true,
        collected: await collectsPersonalIdentityNumbers(tx, actor.tenantId),
      });
      if (!chosen.ok) return { member: null, errors: [chosen.error] };
      pin = chosen.value;
    }
    // Intake decisions were made on the birth given beside the number: a corrected birth must still be the number's.
    // The stored number is decrypted only to compare, inside this transaction; it is neither returned nor logged.
    const profile = validation.profile;
    if (fields.birthDate !== undefined || fields.birthYear !== undefined) {
      const number = pin ?? (await readPersonalIdentityNumber(tx, actor.tenantId, actor.memberId));
      const birthMismatch = checkBirthAgainstIdentityNumber(profile, number);
      if (birthMismatch.length > 0) throw badUserInput(birthMismatch, ctx.locale);
    }
    if (row.version !== expectedVersion) throw conflict(ctx.locale);
    if (pin) {
      await lockPersonalIdentityNumber(tx, actor.tenantId, pin);
      const holder = (await findMemberIdsByPersonalIdentityNumber(tx, actor.tenantId, pin))[0];
      if (holder && holder !== actor.memberId) return { member: null, errors: [personalIdentityNumberTaken(ctx.locale)] };
    }
    let member = await applyCorrection(tx, ctx, actor, current, profile, expectedVersion, "own profile correction");
    if (!member) return { member: null, errors: [notFound(PROFILE, ctx.locale)] };
    if (pin && (await recordPersonalIdentityNumber(ctx, tx, actor.tenantId, actor.memberId, pin, "own profile correction"))) {
      const reread = await findMember(tx, actor.tenantId, actor.memberId, "ALL");
      member = reread ? toMember(reread) : member;
    }
    await recordMemberActivity(tx, actor.tenantId, actor.memberId);
    return { member, errors: [] };
  });
}

/** The availability note alone: last writer wins (it is one free-text field), but it is history like any correction. */
export async function setMyAvailability(ctx: RequestContext, input: SetMyAvailabilityInput): Promise<SetMyAvailabilityPayload> {
  const actor = requireMember(ctx);
  const validation = validateAvailabilityNote(input.note);
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<SetMyAvailabilityPayload> => {
    const row = await findOwnProfile(tx, actor.tenantId, actor.memberId);
    if (!row) return { member: null, errors: [notFound(PROFILE, ctx.locale)] };
    const current = toProfile(row);
    const member = await applyCorrection(
      tx,
      ctx,
      actor,
      current,
      { ...current, availability: validation.note },
      row.version,
      "own availability",
    );
    if (!member) return { member: null, errors: [notFound(PROFILE, ctx.locale)] };
    await recordMemberActivity(tx, actor.tenantId, actor.memberId);
    return { member, errors: [] };
  });
}

function toPause(row: {
  tenantId: string;
  id: string;
  memberId: string;
  startsOn: Date;
  endsOn: Date | null;
  reason: string | null;
  createdAt: Date;
}): MemberPause {
  return { ...row, startsOn: isoDate(row.startsOn) as string, endsOn: isoDate(row.endsOn) };
}

export async function addMyPause(ctx: RequestContext, input: AddMyPauseInput): Promise<AddMyPausePayload> {
  const actor = requireMember(ctx);
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<AddMyPausePayload> => {
    if (!(await findOwnProfile(tx, actor.tenantId, actor.memberId))) return { pause: null, errors: [notFound(PROFILE, ctx.locale)] };
    const validation = validatePause(input, await tenantToday(tx, actor.tenantId));
    if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
    const { pause } = validation;
    const row = await insertPause(tx, {
      tenantId: actor.tenantId,
      memberId: actor.memberId,
      startsOn: toDate(pause.startsOn) as Date,
      endsOn: toDate(pause.endsOn),
      reason: pause.reason,
    });
    const created = toPause(row);
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "MemberPause",
      subjectId: created.id,
      memberId: actor.memberId,
      before: null,
      after: created,
    });
    await recordMemberActivity(tx, actor.tenantId, actor.memberId);
    return { pause: created, errors: [] };
  });
}

/** Another member's pause answers NotFound, exactly like an id that does not exist. */
export async function removeMyPause(ctx: RequestContext, input: RemoveMyPauseInput): Promise<RemoveMyPausePayload> {
  const actor = requireMember(ctx);
  if (!isId(input.pauseId)) return { removedPauseId: null, errors: [notFound(PAUSE, ctx.locale)] };
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<RemoveMyPausePayload> => {
    const row = await findOwnPause(tx, actor.tenantId, actor.memberId, input.pauseId);
    if (!row) return { removedPauseId: null, errors: [notFound(PAUSE, ctx.locale)] };
    const pause = toPause(row);
    if (isPauseOver(pause, await tenantToday(tx, actor.tenantId))) return { removedPauseId: null, errors: [pauseEnded(ctx.locale)] };
    if ((await deletePause(tx, actor.tenantId, actor.memberId, pause.id)) !== 1) {
      return { removedPauseId: null, errors: [notFound(PAUSE, ctx.locale)] };
    }
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "MemberPause",
      subjectId: pause.id,
      memberId: actor.memberId,
      before: pause,
      after: null,
    });
    await recordMemberActivity(tx, actor.tenantId, actor.memberId);
    return { removedPauseId: pause.id, errors: [] };
  });
}

/**
 * Leaving a network's pool, checked by the domain's intake state machine like every other move (an already withdrawn
 * membership cannot be withdrawn again), with a MembershipEvent carrying the member's reason.
 */
export async function withdrawFromNetwork(ctx: RequestContext, input: WithdrawFromNetworkInput): Promise<WithdrawFromNetworkPayload> {
  const actor = requireMember(ctx);
  const reason = validateWithdrawalReason(input.reason);
  if (!reason.ok) throw badUserInput(reason.errors, ctx.locale);
  if (!isId(input.membershipId)) return { membership: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<WithdrawFromNetworkPayload> => {
    const membership = await findOwnMembership(tx, actor.tenantId, actor.memberId, input.membershipId);
    if (!membership) return { membership: null, errors: [notFound(MEMBERSHIP, ctx.locale)] };
    const today = await tenantToday(tx, actor.tenantId);
    const { member } = membership;
    const check = checkTransition({
      from: membership.status,
      to: "WITHDRAWN",
      rules: toIntakeRules(membership.intakeRuleSet),
      facts: {
        age: ageOn({ birthDate: isoDate(member.birthDate), birthYear: member.birthYear }, today),
        guardianConsentGiven: membership.guardianConsentGiven,
        contactCallRecorded: membership.contactCallAt !== null,
        introductionMeetingHeld: membership.introductionHeldAt !== null,
        trainingAttended: membership.trainedAt !== null,
        municipality: member.municipality,
        representsOrganisation: member.organisationRepresented !== null,
        // Withdrawing never depends on the mandate; the intake feature records it for activation.
        organisationMandateRecorded: false,
      },
    });
    if (!check.ok) {
      const [violation] = check.violations;
      if (violation) {
        return {
          membership: null,
          errors: [
            errorResult(IntakeRuleNotMet, "INTAKE_RULE_NOT_MET", violation.message, ctx.locale, {
              rule: violation.rule,
              missing: violation.missing,
            }),
          ],
        };
      }
    }
    const at = new Date();
    const updated = await withdrawMembershipIfUnchanged(tx, actor.tenantId, membership.id, membership, at);
    if (updated !== 1) throw conflict(ctx.locale);
    await insertMembershipEvent(tx, {
      tenantId: actor.tenantId,
      membershipId: membership.id,
      fromStatus: membership.status,
      toStatus: "WITHDRAWN",
      note: reason.reason,
      actorId: actor.memberId,
      at,
    });
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "Membership",
      subjectId: membership.id,
      memberId: actor.memberId,
      purpose: "withdrawal by the member",
      before: { status: membership.status },
      after: { status: "WITHDRAWN", reason: reason.reason },
    });
    const rows = await findMembershipsByMemberIds(tx, actor.tenantId, [actor.memberId]);
    const row = rows.find((candidate) => candidate.id === membership.id);
    return { membership: row ? toMembership(row) : null, errors: [] };
  });
}

type MembershipRow = Awaited<ReturnType<typeof findMembershipsByMemberIds>>[number];

export function toMembership(row: MembershipRow): Membership {
  return { ...row, status: row.status as Membership["status"], channel: row.channel as Membership["channel"] };
}

/** The member's own memberships, every status, oldest first. */
export async function listMyMemberships(ctx: RequestContext): Promise<Membership[]> {
  const actor = requireMember(ctx);
  const rows = await ctx.loaders(actor.tenantId).membershipsByMemberId.load(actor.memberId);
  return rows.map(toMembership);
}

/** Reached only through a Member the reader may see (shield's `canReadMemberPersonalData` guards the field). */
export async function memberPauses(ctx: RequestContext, member: Member): Promise<MemberPause[]> {
  const rows = await ctx.loaders(member.tenantId).pausesByMemberId.load(member.id);
  return rows.map(toPause);
}

export async function memberRevisions(ctx: RequestContext, member: Member): Promise<MemberRevision[]> {
  const rows = await ctx.loaders(member.tenantId).revisionsByMemberId.load(member.id);
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenantId,
    at: row.at,
    actorType: row.actorType,
    changes: Array.isArray(row.changes) ? (row.changes as unknown as MemberFieldChange[]) : [],
  }));
}
