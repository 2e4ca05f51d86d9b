import { directBookingReleasesContact, isCarriedOutRequestStatus } from "@medverkan/domain";
import { coordinatedNetworks, hasRole } from "../auth/actor.js";
import { forbidden } from "../common/errors/api-error.js";
import type { ErrorCode } from "../common/errors/error-code.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { insertContactSharingConsent } from "../invitation/invitation.repository.js";
import { findCurrentConsentText } from "../tenant/tenant.repository.js";
import {
  type DecideDirectBookingParticipantPayload,
  DirectBookingNotConfirmable,
  type DirectBookingParticipant,
  type DirectBookingParticipantStatus,
} from "./direct-booking.type.js";
import {
  type DirectBookingParticipantRow,
  decideDirectBookingParticipant,
  findDirectBookingParticipant,
  findPendingDirectBookingParticipants,
  findPendingDirectBookingsOfMember,
  insertDirectParticipation,
  isMemberProcessable,
  lockRequest,
  releaseDirectParticipationContact,
} from "./request.repository.js";
import { requireMember, requireStaff } from "./request-access.js";

// A unit's direct booking names people; whether they are pool members is for the network's coordinator to confirm
// (issue 22). Until then nothing of the booking counts: no invitation, no assignment, no attendance, no fee claim, no
// statistics. On confirmation the participation is recorded exactly as before (an accepted invitation and an
// assignment); a rejection leaves nothing behind but the decision. Either way the details the unit typed are cleared.

const PARTICIPANT = { sv: "Den medverkande", en: "The participant" };
const PAGE = 100;

const toParticipant = (row: DirectBookingParticipantRow): DirectBookingParticipant => ({
  id: row.id,
  tenantId: row.tenantId,
  networkId: row.request.networkId,
  requestId: row.requestId,
  requestTitle: row.request.title,
  position: row.position,
  familyName: row.familyName,
  email: row.email,
  phone: row.phone,
  memberId: row.memberId,
  status: row.status as DirectBookingParticipantStatus,
  createdAt: row.createdAt,
  decidedAt: row.decidedAt,
  version: row.version,
});

/** Coordinators: the direct-booking participants of their networks awaiting confirmation, oldest first. */
export async function directBookingParticipantsToConfirm(ctx: RequestContext): Promise<DirectBookingParticipant[]> {
  const actor = requireStaff(ctx);
  const networks = coordinatedNetworks(actor);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const rows = await findPendingDirectBookingParticipants(tx, actor.tenantId, networks, PAGE);
    // Reading who a unit named is a read of that member's personal data.
    await ctx.audit.record(
      tx,
      actor.tenantId,
      rows
        .filter((row) => row.memberId !== null)
        .map((row) => ({
          action: "READ" as const,
          subjectType: "DirectBookingParticipant",
          subjectId: row.id,
          memberId: row.memberId,
          purpose: "direct booking to confirm",
        })),
    );
    return rows.map(toParticipant);
  });
}

/**
 * Members: the direct bookings in which a unit named you (matched to you), awaiting a decision. You may confirm that it
 * was you — then the participation counts, as when the coordinator confirms it — or say it was not. Reading them is
 * your own data: not audited as a disclosure.
 */
export async function myDirectBookingsToConfirm(ctx: RequestContext): Promise<DirectBookingParticipant[]> {
  const actor = requireMember(ctx);
  return ctx
    .scope(actor.tenantId)
    .transaction(async (tx) => (await findPendingDirectBookingsOfMember(tx, actor.tenantId, actor.memberId, PAGE)).map(toParticipant));
}

/** Who may decide on a participant, and in whose name the decision is kept. */
interface Decider {
  tenantId: string;
  /** May this caller decide on this row? Anyone else is answered as if the row did not exist. */
  may(row: DirectBookingParticipantRow): boolean;
  /** The staff user kept on the decision and on the recorded invitation; null when the member decided. */
  staffUserId: string | null;
}

function coordinatorDecider(ctx: RequestContext): Decider {
  const actor = requireStaff(ctx);
  return {
    tenantId: actor.tenantId,
    may: (row) => hasRole(actor, "COORDINATOR", row.request.networkId),
    staffUserId: actor.staffUserId,
  };
}

function memberDecider(ctx: RequestContext): Decider {
  const actor = requireMember(ctx);
  // Only the member the booking was matched to; anyone else's booking answers like one that does not exist.
  return { tenantId: actor.tenantId, may: (row) => row.memberId === actor.memberId, staffUserId: null };
}

export function confirmDirectBookingParticipant(ctx: RequestContext, id: string): Promise<DecideDirectBookingParticipantPayload> {
  return decide(ctx, coordinatorDecider(ctx), id, "CONFIRMED");
}

export function rejectDirectBookingParticipant(ctx: RequestContext, id: string): Promise<DecideDirectBookingParticipantPayload> {
  return decide(ctx, coordinatorDecider(ctx), id, "REJECTED");
}

/**
 * The member confirms it was them. With the current contact-sharing text's version they also consent to the unit
 * seeing their name, e-mail and phone for this request, and appear among its `participants` (issue 21 item 7,
 * `directBookingReleasesContact`); without it the participation counts and the unit is shown nothing.
 */
export function confirmMyDirectBooking(
  ctx: RequestContext,
  id: string,
  contactConsentTextVersion: string | null = null,
): Promise<DecideDirectBookingParticipantPayload> {
  return decide(ctx, memberDecider(ctx), id, "CONFIRMED", contactConsentTextVersion);
}

export function declineMyDirectBooking(ctx: RequestContext, id: string): Promise<DecideDirectBookingParticipantPayload> {
  return decide(ctx, memberDecider(ctx), id, "REJECTED");
}

const notConfirmable = (code: ErrorCode, sv: string, en: string, locale: RequestContext["locale"]) =>
  errorResult(DirectBookingNotConfirmable, code, { sv, en }, locale);

async function decide(
  ctx: RequestContext,
  actor: Decider,
  id: string,
  status: "CONFIRMED" | "REJECTED",
  contactConsentTextVersion: string | null = null,
): Promise<DecideDirectBookingParticipantPayload> {
  const missing = { participant: null, errors: [notFound(PARTICIPANT, ctx.locale)] };
  if (!isId(id)) return missing;
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<DecideDirectBookingParticipantPayload> => {
    const first = await findDirectBookingParticipant(tx, actor.tenantId, id);
    // Another network's (or, for a member, another person's) booking answers like one that does not exist.
    if (!first || !actor.may(first)) return missing;
    // Decisions on one request serialise with its other changes (and with each other).
    await lockRequest(tx, actor.tenantId, first.requestId);
    const row = (await findDirectBookingParticipant(tx, actor.tenantId, id)) as DirectBookingParticipantRow;
    // Decided (or the match cleared) meanwhile: the member no longer has it.
    if (!actor.may(row)) return missing;
    if (row.status !== "PENDING") {
      return {
        participant: toParticipant(row),
        errors: [notConfirmable("ALREADY_DECIDED", "Det är redan avgjort.", "It has already been decided.", ctx.locale)],
      };
    }
    const now = new Date();
    let assignmentId: string | null = null;
    let consentId: string | null = null;
    if (status === "CONFIRMED") {
      if (row.memberId === null) {
        return {
          participant: toParticipant(row),
          errors: [
            notConfirmable(
              "NOT_IDENTIFIED",
              "Ingen i nätverkets pool matchar uppgifterna; registrera personen först eller avvisa.",
              "No one in the network's pool matches the details; register the person first, or reject.",
              ctx.locale,
            ),
          ],
        };
      }
      if (!(await isMemberProcessable(tx, actor.tenantId, row.memberId))) {
        return {
          participant: toParticipant(row),
          errors: [
            notConfirmable(
              "MEMBER_NOT_AVAILABLE",
              "Personens uppgifter får inte behandlas (begränsning eller radering).",
              "The person's data may not be processed (restriction or erasure).",
              ctx.locale,
            ),
          ],
        };
      }
      // The member's own confirmation may carry their consent to share contact details with the unit; a coordinator
      // never gives it for them (only the member's own decider has no staff user).
      const decidedBy = actor.staffUserId === null ? "MEMBER" : "COORDINATOR";
      const consentText =
        contactConsentTextVersion !== null && decidedBy === "MEMBER"
          ? await findCurrentConsentText(tx, actor.tenantId, "CONTACT_SHARING")
          : null;
      if (contactConsentTextVersion !== null && decidedBy === "MEMBER" && consentText?.version !== contactConsentTextVersion.trim()) {
        return {
          participant: toParticipant(row),
          errors: [
            notConfirmable(
              "CONSENT_TEXT_OUTDATED",
              "Texten om att dela kontaktuppgifter har ändrats; läs den aktuella texten och bekräfta igen.",
              "The text on sharing contact details has changed; read the current text and confirm again.",
              ctx.locale,
            ),
          ],
        };
      }
      const participation = await insertDirectParticipation(tx, actor.tenantId, {
        requestId: row.requestId,
        memberId: row.memberId,
        invitedById: actor.staffUserId,
        at: now,
        agreementRequired: row.request.assignmentLength === "LONG_TERM",
        carriedOut: isCarriedOutRequestStatus(row.request.status),
        networkId: row.request.networkId,
      });
      assignmentId = participation.assignmentId;
      if (consentText && directBookingReleasesContact(decidedBy, true)) {
        const consent = await insertContactSharingConsent(tx, {
          tenantId: actor.tenantId,
          memberId: row.memberId,
          requestId: row.requestId,
          consentTextId: consentText.id,
          givenAt: now,
        });
        await releaseDirectParticipationContact(tx, actor.tenantId, participation.invitationId, consent.id, now);
        consentId = consent.id;
      }
    }
    const decided = await decideDirectBookingParticipant(tx, actor.tenantId, row.id, {
      status,
      decidedById: actor.staffUserId,
      at: now,
      assignmentId,
    });
    await ctx.audit.record(tx, actor.tenantId, [
      {
        action: "WRITE" as const,
        subjectType: "DirectBookingParticipant",
        subjectId: row.id,
        memberId: row.memberId,
        purpose:
          (status === "CONFIRMED" ? "direct booking confirmed" : "direct booking rejected") +
          (actor.staffUserId === null ? " by the member" : ""),
        details: { requestId: row.requestId, assignmentId },
      },
      ...(consentId
        ? [
            {
              action: "WRITE" as const,
              subjectType: "Consent",
              subjectId: consentId,
              memberId: row.memberId,
              purpose: "contact sharing consent given (direct booking confirmed by the member)",
              details: { requestId: row.requestId },
            },
          ]
        : []),
      ...(assignmentId
        ? [
            {
              action: "WRITE" as const,
              subjectType: "Assignment",
              subjectId: assignmentId,
              memberId: row.memberId,
              purpose: "direct booking",
            },
          ]
        : []),
    ]);
    return { participant: toParticipant(decided), errors: [] };
  });
}
