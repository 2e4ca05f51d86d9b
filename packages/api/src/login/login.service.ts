import { createHash, randomInt } from "node:crypto";
import type { Locale } from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { notify } from "../notification/notify.js";
import { findStaffUser } from "../staff/staff.repository.js";
import {
  type ClaimAccountPayload,
  type IssueClaimCodePayload,
  invalidClaimCode,
  loginAlreadyLinked,
  memberAlreadyLinked,
  noEmailAddress,
  ownCurrentLogin,
  type UnlinkLoginPayload,
  type UnlinkStaffLoginPayload,
} from "./login.payload.js";
import {
  findClaimCodeByHash,
  findLogin,
  findLoginById,
  findLoginsOfMember,
  findLoginsOfStaffUser,
  findMemberContactForClaim,
  insertClaimCode,
  insertMemberLogin,
  isMemberInNetworks,
  type LoginRow,
  lockLinking,
  revokeOpenClaimCodes,
  unlinkMemberLogin,
  unlinkStaffLogin,
  useClaimCode,
} from "./login.repository.js";
import { ClaimCodeChannel, type LinkedLogin, LoginLinkMethod } from "./login.type.js";

/** How long a claim code works. */
export const CLAIM_CODE_VALIDITY_DAYS = 30;
/** Crockford-like alphabet without look-alikes (0/O, 1/I/L): 10 characters ≈ 50 bits. */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const PERSON = { sv: "Personen", en: "The person" };
const LOGIN = { sv: "Inloggningen", en: "The sign-in" };

const view = (row: LoginRow, ctx: RequestContext): LinkedLogin => ({
  id: row.id,
  identityProviderName: row.identityProviderName,
  method: row.method as LoginLinkMethod,
  linkedAt: row.createdAt,
  current:
    "identityProviderId" in ctx.actor && ctx.actor.identityProviderId === row.identityProviderId && ctx.actor.subject === row.subject,
});

function generateCode(): string {
  const chars = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** What is stored of a code: a hash bound to the tenant, of the code as typed without spaces, dashes or case. */
export function claimCodeHash(tenantId: string, code: string): string {
  const normalised = code.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return createHash("sha256").update(`${tenantId}:${normalised}`).digest("hex");
}

/**
 * The citizen who just registered with their own token: the new member gets this login (REGISTRATION). Never for a
 * member found as "the same person" by e-mail, phone or name — that would hand someone else's account to whoever
 * typed their details; such a person claims it with a code.
 */
export async function linkRegistrationLogin(ctx: RequestContext, tx: Tx, tenantId: string, memberId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (actor.kind !== "CITIZEN" || actor.tenantId !== tenantId || !actor.identityProviderId) return false;
  await lockLinking(tx, tenantId, [`login:${actor.identityProviderId}:${actor.subject}`, `member:${memberId}`]);
  if (await findLogin(tx, tenantId, actor.identityProviderId, actor.subject)) return false;
  const login = await insertMemberLogin(tx, tenantId, {
    identityProviderId: actor.identityProviderId,
    subject: actor.subject,
    memberId,
    method: "REGISTRATION",
  });
  await ctx.audit.record(tx, tenantId, {
    action: "WRITE",
    subjectType: "Login",
    subjectId: login.id,
    memberId,
    purpose: "login linked at registration",
    details: { method: "REGISTRATION", identityProvider: login.identityProviderName },
  });
  return true;
}

export async function listMyLogins(ctx: RequestContext): Promise<LinkedLogin[]> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const rows = await ctx.scope(actor.tenantId).transaction((tx) => findLoginsOfMember(tx, actor.tenantId, actor.memberId));
  return rows.map((row) => view(row, ctx));
}

/** The member removes one of their own logins (audited; the member sees it in their log). */
export async function removeMyLogin(ctx: RequestContext, loginId: string): Promise<UnlinkLoginPayload> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const missing = { unlinked: false, errors: [notFound(LOGIN, ctx.locale)] };
  if (!isId(loginId)) return missing;
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const login = await findLoginById(tx, actor.tenantId, loginId);
    if (!login || login.memberId !== actor.memberId) return missing;
    await unlinkMemberLogin(tx, actor.tenantId, login.id, actor.memberId);
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "Login",
      subjectId: login.id,
      memberId: actor.memberId,
      purpose: "login removed by the member",
      details: { identityProvider: login.identityProviderName },
    });
    return { unlinked: true, errors: [] };
  });
}

/** A coordinator of one of the member's networks unlinks a lost login (audited, visible to the member). */
export async function unlinkLoginOfMember(ctx: RequestContext, memberId: string, loginId: string): Promise<UnlinkLoginPayload> {
  const actor = requireTenantActor(ctx);
  const networks = coordinatedNetworks(actor);
  if (actor.kind !== "STAFF" || (networks !== "ALL" && networks.length === 0)) throw forbidden(ctx.locale);
  const missing = { unlinked: false, errors: [notFound(LOGIN, ctx.locale)] };
  if (!isId(memberId) || !isId(loginId)) return missing;
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    // Another network's member reads exactly like one that does not exist.
    if (!(await isMemberInNetworks(tx, actor.tenantId, memberId, networks))) return missing;
    const login = await findLoginById(tx, actor.tenantId, loginId);
    if (!login || login.memberId !== memberId) return missing;
    await unlinkMemberLogin(tx, actor.tenantId, login.id, memberId);
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "Login",
      subjectId: login.id,
      memberId,
      purpose: "login unlinked by a coordinator",
      details: { identityProvider: login.identityProviderName },
    });
    return { unlinked: true, errors: [] };
  });
}

/** The logins of a member, for a coordinator of one of the member's networks. */
export async function listLoginsOfMember(ctx: RequestContext, memberId: string): Promise<LinkedLogin[]> {
  const actor = requireTenantActor(ctx);
  const networks = coordinatedNetworks(actor);
  if (actor.kind !== "STAFF" || (networks !== "ALL" && networks.length === 0)) throw forbidden(ctx.locale);
  if (!isId(memberId)) return [];
  const rows = await ctx
    .scope(actor.tenantId)
    .transaction(async (tx) =>
      (await isMemberInNetworks(tx, actor.tenantId, memberId, networks)) ? findLoginsOfMember(tx, actor.tenantId, memberId) : [],
    );
  return rows.map((row) => view(row, ctx));
}

const STAFF_LOGIN = { sv: "Inloggningen", en: "The sign-in" };

/** Tenant admin: the logins linked to one of the tenant's staff users. */
export async function listLoginsOfStaffUser(ctx: RequestContext, staffUserId: string): Promise<LinkedLogin[]> {
  const actor = requireTenantAdmin(ctx);
  if (!isId(staffUserId)) return [];
  const rows = await ctx.scope(actor.tenantId).transaction((tx) => findLoginsOfStaffUser(tx, actor.tenantId, staffUserId));
  return rows.map((row) => view(row, ctx));
}

/**
 * Tenant admin: unlink a staff user's lost or wrong login (the mirror of a coordinator's `unlinkMemberLogin`). From
 * the next request on that login signs in as no one; the grants stay with the staff user. Audited; never the login
 * the admin is signed in with now (that would lock them out mid-session).
 */
export async function unlinkLoginOfStaffUser(
  ctx: RequestContext,
  input: { staffUserId: string; loginId: string; reopenInvitation: boolean },
): Promise<UnlinkStaffLoginPayload> {
  const actor = requireTenantAdmin(ctx);
  const missing = { unlinked: false, invitationReopened: false, errors: [notFound(STAFF_LOGIN, ctx.locale)] };
  if (!isId(input.staffUserId) || !isId(input.loginId)) return missing;
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<UnlinkStaffLoginPayload> => {
    if (!(await findStaffUser(tx, actor.tenantId, input.staffUserId))) return missing;
    const login = await findLoginById(tx, actor.tenantId, input.loginId);
    if (!login || login.staffUserId !== input.staffUserId) return missing;
    await lockLinking(tx, actor.tenantId, [`login:${login.identityProviderId}:${login.subject}`]);
    if (view(login, ctx).current) return { unlinked: false, invitationReopened: false, errors: [ownCurrentLogin(ctx.locale)] };
    const { invitationReopened } = await unlinkStaffLogin(tx, actor.tenantId, login.id, input.staffUserId, input.reopenInvitation);
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "Login",
      subjectId: login.id,
      purpose: "staff login unlinked by a tenant admin",
      details: { staffUserId: input.staffUserId, identityProvider: login.identityProviderName, method: login.method, invitationReopened },
    });
    return { unlinked: true, invitationReopened, errors: [] };
  });
}

function letterText(locale: Locale, name: string, code: string, expiresAt: Date): string {
  const date = expiresAt.toISOString().slice(0, 10);
  return locale === "en"
    ? `Hello ${name},\n\nSign in to Medverkan with your e-ID and enter the code ${code} to link the sign-in to your details. The code works once and is valid until ${date}.\n`
    : `Hej ${name}!\n\nLogga in i Medverkan med e-legitimation och ange koden ${code} för att koppla inloggningen till dina uppgifter. Koden kan användas en gång och gäller till och med ${date}.\n`;
}

/**
 * A coordinator issues a single-use, expiring claim code for a member of their networks who has no login yet (a
 * postal or phone registration). Only its hash is stored; an earlier open code stops working. E-mail goes through
 * the outbox; a letter's text is returned once for the coordinator to post.
 */
export async function issueClaimCode(ctx: RequestContext, memberId: string, channel: ClaimCodeChannel): Promise<IssueClaimCodePayload> {
  const actor = requireTenantActor(ctx);
  const networks = coordinatedNetworks(actor);
  if (actor.kind !== "STAFF" || (networks !== "ALL" && networks.length === 0)) throw forbidden(ctx.locale);
  const missing = { claimCode: null, errors: [notFound(PERSON, ctx.locale)] };
  if (!isId(memberId)) return missing;
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<IssueClaimCodePayload> => {
    if (!(await isMemberInNetworks(tx, actor.tenantId, memberId, networks))) return missing;
    await lockLinking(tx, actor.tenantId, [`member:${memberId}`]);
    const member = await findMemberContactForClaim(tx, actor.tenantId, memberId);
    if (!member) return missing;
    if ((await findLoginsOfMember(tx, actor.tenantId, memberId)).length > 0) {
      return { claimCode: null, errors: [memberAlreadyLinked(ctx.locale)] };
    }
    if (channel === ClaimCodeChannel.EMAIL && !member.email) return { claimCode: null, errors: [noEmailAddress(ctx.locale)] };
    const now = new Date();
    await revokeOpenClaimCodes(tx, actor.tenantId, memberId, now);
    const code = generateCode();
    const expiresAt = new Date(now.getTime() + CLAIM_CODE_VALIDITY_DAYS * 24 * 3600 * 1000);
    const row = await insertClaimCode(tx, actor.tenantId, {
      memberId,
      codeHash: claimCodeHash(actor.tenantId, code),
      channel,
      expiresAt,
      createdById: actor.staffUserId,
    });
    if (channel === ClaimCodeChannel.EMAIL) {
      await notify(tx, {
        kind: "ACCOUNT_CLAIM_CODE",
        tenantId: actor.tenantId,
        recipient: member.email,
        memberId,
        locale: member.preferredLocale,
        data: { recipientName: member.givenName, claimCode: code, expiresAt: expiresAt.toISOString() },
        idempotencyKey: `claim-code:${row.id}`,
      });
    }
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "ClaimCode",
      subjectId: row.id,
      memberId,
      purpose: "claim code issued",
      details: { channel, expiresAt: expiresAt.toISOString() },
    });
    const locale = member.preferredLocale === "en" ? "en" : "sv";
    return {
      claimCode: {
        channel,
        expiresAt,
        letterText: channel === ClaimCodeChannel.LETTER ? letterText(locale, member.givenName, code, expiresAt) : null,
      },
      errors: [],
    };
  });
}

/**
 * A signed-in citizen whose login is linked to no one claims the member a code was issued for. The code works once,
 * for that member only, never for a member who already has a login; every attempt (failed ones too) is audited, and
 * attempts are rate limited (server/rate-limit.ts).
 */
export async function claimAccount(ctx: RequestContext, code: string): Promise<ClaimAccountPayload> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "CITIZEN" || !actor.identityProviderId) {
    // Signed in as someone already: this login is taken. The attempt is audited like every other refusal.
    await ctx.scope(actor.tenantId).transaction((tx) =>
      ctx.audit.record(tx, actor.tenantId, {
        action: "WRITE",
        subjectType: "ClaimCode",
        memberId: actor.kind === "MEMBER" ? actor.memberId : null,
        purpose: "claim code attempt refused",
        details: { reason: "LOGIN_ALREADY_LINKED" },
      }),
    );
    return { login: null, errors: [loginAlreadyLinked(ctx.locale)] };
  }
  const { tenantId, identityProviderId, subject } = { ...actor, identityProviderId: actor.identityProviderId };
  return ctx.scope(tenantId).transaction(async (tx): Promise<ClaimAccountPayload> => {
    const now = new Date();
    const found = await findClaimCodeByHash(tx, tenantId, claimCodeHash(tenantId, code));
    const failed = async (
      reason: "WRONG" | "EXPIRED" | "USED" | "MEMBER_ALREADY_LINKED" | "LOGIN_ALREADY_LINKED",
      memberId: string | null,
    ) => {
      await ctx.audit.record(tx, tenantId, {
        action: "WRITE",
        subjectType: "ClaimCode",
        subjectId: found?.id ?? null,
        memberId,
        purpose: "claim code attempt refused",
        details: { reason },
      });
    };
    if (!found) {
      await failed("WRONG", null);
      return { login: null, errors: [invalidClaimCode("WRONG", ctx.locale)] };
    }
    await lockLinking(tx, tenantId, [`login:${identityProviderId}:${subject}`, `member:${found.memberId}`]);
    if (found.usedAt || found.revokedAt) {
      await failed("USED", found.memberId);
      return { login: null, errors: [invalidClaimCode("USED", ctx.locale)] };
    }
    if (found.expiresAt.getTime() <= now.getTime()) {
      await failed("EXPIRED", found.memberId);
      return { login: null, errors: [invalidClaimCode("EXPIRED", ctx.locale)] };
    }
    if (await findLogin(tx, tenantId, identityProviderId, subject)) {
      await failed("LOGIN_ALREADY_LINKED", found.memberId);
      return { login: null, errors: [loginAlreadyLinked(ctx.locale)] };
    }
    if ((await findLoginsOfMember(tx, tenantId, found.memberId)).length > 0) {
      await failed("MEMBER_ALREADY_LINKED", found.memberId);
      return { login: null, errors: [memberAlreadyLinked(ctx.locale)] };
    }
    if (!(await useClaimCode(tx, tenantId, found.id, now))) {
      await failed("USED", found.memberId);
      return { login: null, errors: [invalidClaimCode("USED", ctx.locale)] };
    }
    const login = await insertMemberLogin(tx, tenantId, { identityProviderId, subject, memberId: found.memberId, method: "CLAIM_CODE" });
    await ctx.audit.record(tx, tenantId, {
      action: "WRITE",
      subjectType: "Login",
      subjectId: login.id,
      memberId: found.memberId,
      purpose: "login linked with a claim code",
      details: { method: "CLAIM_CODE", identityProvider: login.identityProviderName },
    });
    return { login: { ...view(login, ctx), current: true }, errors: [] };
  });
}
