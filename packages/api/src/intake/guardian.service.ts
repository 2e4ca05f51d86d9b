import { checkTransition, type MembershipStatus } from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { toIntakeRules } from "../intake-rules/intake-rules.mapper.js";
import type { Member, Membership } from "../member/member.type.js";
import { ConsentRequired } from "../registration/registration.payload.js";
import { findCurrentConsentText } from "../tenant/tenant.repository.js";
import { ConsentKind } from "../tenant/tenant.type.js";
import type { RecordGuardianConsentInput, WithdrawGuardianConsentInput } from "./intake.input.js";
import { toGuardianConsent } from "./intake.mapper.js";
import type { RecordGuardianConsentPayload, WithdrawGuardianConsentPayload } from "./intake.payload.js";
import {
  findGuardianOfMember,
  findIntakeRuleSets,
  findMembershipsOfMember,
  findVisibleGuardianConsent,
  findVisibleMember,
  hasGuardianConsent,
  insertGuardianConsent,
  markConsentWithdrawn,
} from "./intake.repository.js";
import { applyTransition, byStaff, cleanNote, intakeFacts, requireCoordinator } from "./intake.service.js";
import type { Guardian } from "./intake.type.js";

const MEMBER = { sv: "Medlemmen", en: "The member" };
const GUARDIAN = { sv: "Vårdnadshavaren", en: "The guardian" };
const CONSENT = { sv: "Samtycket", en: "The consent" };

/**
 * The guardian consents in writing; the coordinator records it. Memberships of the coordinator's networks that
 * waited for it then move on to REGISTERED, each checked by the intake rules (other networks' coordinators move
 * theirs, which the consent now allows).
 */
export async function recordGuardianConsent(ctx: RequestContext, input: RecordGuardianConsentInput): Promise<RecordGuardianConsentPayload> {
  const actor = requireCoordinator(ctx);
  const networks = coordinatedNetworks(actor);
  if (!isId(input.memberId)) return { consent: null, released: [], errors: [notFound(MEMBER, ctx.locale)] };
  if (!isId(input.guardianId)) return { consent: null, released: [], errors: [notFound(GUARDIAN, ctx.locale)] };
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<RecordGuardianConsentPayload> => {
    const member = await findVisibleMember(tx, actor.tenantId, input.memberId, networks);
    if (!member) return { consent: null, released: [], errors: [notFound(MEMBER, ctx.locale)] };
    const guardian = await findGuardianOfMember(tx, actor.tenantId, input.guardianId, member.id);
    if (!guardian) return { consent: null, released: [], errors: [notFound(GUARDIAN, ctx.locale)] };
    const text = await findCurrentConsentText(tx, actor.tenantId, "GUARDIAN");
    if (!input.recordedOnPaper || !text || text.version !== input.consentTextVersion) {
      return { consent: null, released: [], errors: [guardianConsentRequired(text?.version ?? null, ctx)] };
    }
    const consent = await insertGuardianConsent(tx, {
      tenantId: actor.tenantId,
      memberId: member.id,
      guardianId: guardian.id,
      consentTextId: text.id,
      recordedById: actor.staffUserId,
    });
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "Consent",
      subjectId: consent.id,
      memberId: member.id,
      purpose: "guardian consent recorded",
      details: { guardianId: guardian.id, textVersion: text.version, recordedOnPaper: true },
    });

    const pending = (await findMembershipsOfMember(tx, actor.tenantId, member.id, ["PENDING_GUARDIAN_CONSENT"])).filter(
      (membership) => networks === "ALL" || networks.includes(membership.networkId),
    );
    const ruleSets = await findIntakeRuleSets(
      tx,
      actor.tenantId,
      pending.map((membership) => membership.networkId),
    );
    const released: Membership[] = [];
    for (const membership of pending) {
      const to: MembershipStatus = "REGISTERED";
      const facts = intakeFacts({ ...membership, member }, true, to, now);
      const rules = toIntakeRules(ruleSets.get(membership.networkId) ?? null);
      // A membership that still breaks another rule (e.g. municipality) stays where it is.
      if (!checkTransition({ from: membership.status, to, facts, rules }).ok) continue;
      released.push(
        await applyTransition(ctx, tx, byStaff(actor), membership, {
          to,
          note: "Guardian consent recorded",
          now,
          purpose: "intake: guardian consent",
        }),
      );
    }
    return { consent: toGuardianConsent(consent), released, errors: [] };
  });
}

/**
 * Withdrawal is the guardian's right and concerns the person, so it pauses ACTIVE memberships in every network where
 * the member is under the consent age, once no other guardian's consent remains. PENDING ones simply stay pending.
 */
export async function withdrawGuardianConsent(
  ctx: RequestContext,
  input: WithdrawGuardianConsentInput,
): Promise<WithdrawGuardianConsentPayload> {
  const actor = requireCoordinator(ctx);
  const note = cleanNote(input.note, ctx);
  if (!isId(input.consentId)) return { consent: null, paused: [], errors: [notFound(CONSENT, ctx.locale)] };
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<WithdrawGuardianConsentPayload> => {
    const found = await findVisibleGuardianConsent(tx, actor.tenantId, input.consentId, coordinatedNetworks(actor));
    if (!found) return { consent: null, paused: [], errors: [notFound(CONSENT, ctx.locale)] };
    if (found.withdrawnAt) return { consent: toGuardianConsent(found), paused: [], errors: [] };

    const consent = await markConsentWithdrawn(tx, actor.tenantId, found.id, now);
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "Consent",
      subjectId: consent.id,
      memberId: consent.memberId,
      purpose: "guardian consent withdrawn",
      details: { note },
    });
    const paused: Membership[] = [];
    if (await hasGuardianConsent(tx, actor.tenantId, consent.memberId)) return { consent: toGuardianConsent(consent), paused, errors: [] };

    const member = await findVisibleMember(tx, actor.tenantId, consent.memberId, "ALL");
    const active = await findMembershipsOfMember(tx, actor.tenantId, consent.memberId, ["ACTIVE"]);
    const ruleSets = await findIntakeRuleSets(
      tx,
      actor.tenantId,
      active.map((membership) => membership.networkId),
    );
    for (const membership of active) {
      if (!member) break;
      const rules = toIntakeRules(ruleSets.get(membership.networkId) ?? null);
      const facts = intakeFacts({ ...membership, member }, false, "ACTIVE", now);
      const limit = rules.guardianConsentBelowAge;
      // An adult (or a network without a consent age) needs no guardian: their participation continues.
      if (limit === null || facts.age === null || facts.age >= limit) continue;
      paused.push(
        await applyTransition(ctx, tx, byStaff(actor), membership, {
          to: "PAUSED",
          note: note ?? "Guardian consent withdrawn",
          now,
          purpose: "intake: guardian consent withdrawn",
        }),
      );
    }
    return { consent: toGuardianConsent(consent), paused, errors: [] };
  });
}

function guardianConsentRequired(currentVersion: string | null, ctx: RequestContext): ConsentRequired {
  return errorResult(
    ConsentRequired,
    "CONSENT_REQUIRED",
    {
      sv: "Vårdnadshavarens skriftliga samtycke till den aktuella texten behövs.",
      en: "The guardian's written consent to the current text is needed.",
    },
    ctx.locale,
    { kind: ConsentKind.GUARDIAN, currentVersion },
  );
}

/** A member's guardians; reading them is reading the member's personal data, so staff reads are audited. */
export async function memberGuardians(ctx: RequestContext, member: Member): Promise<Guardian[]> {
  const rows = await ctx.loaders(member.tenantId).guardiansByMemberId.load(member.id);
  if (ctx.actor.kind === "STAFF" && rows.length > 0) {
    await ctx.scope(member.tenantId).transaction((tx) =>
      ctx.audit.record(tx, member.tenantId, {
        action: "READ",
        subjectType: "Guardian",
        subjectId: null,
        memberId: member.id,
        purpose: "guardians of a member",
        details: { guardians: rows.map((row) => row.id) },
      }),
    );
  }
  return rows.map(({ consents, ...guardian }) => ({ ...guardian, consents: consents.map(toGuardianConsent) }));
}
