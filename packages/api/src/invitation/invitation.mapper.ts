import { effectiveInvitationStatus } from "@medverkan/domain";
import type { AssignmentLength } from "../request/request.type.js";
import type { AssignmentBriefRow, InvitationRow } from "./invitation.repository.js";
import {
  AnswerChannel,
  type AssignmentBrief,
  type Invitation,
  InvitationStatus,
  type Invitee,
  type MyInvitation,
} from "./invitation.type.js";

const statusAt = (row: InvitationRow, now: Date) => InvitationStatus[effectiveInvitationStatus(row, now)];

/** Whether the unit may see the member's details through this invitation (the same rule as the release query). */
const isContactShared = (row: InvitationRow) =>
  row.status === "ACCEPTED" && row.contactConsent !== null && row.contactConsent.withdrawnAt === null;

/** Who an invitation is for: its own id (the database derives it from the invitation's), and the member's id beside it. */
export const toInvitee = (row: Pick<InvitationRow, "tenantId" | "id" | "inviteeId" | "memberId" | "member">): Invitee => ({
  id: row.inviteeId as string,
  tenantId: row.tenantId,
  memberId: row.memberId,
  givenName: row.member.givenName,
  familyName: row.member.familyName,
});

export const toInvitation = (row: InvitationRow, now: Date): Invitation => ({
  id: row.id,
  tenantId: row.tenantId,
  requestId: row.requestId,
  memberId: row.memberId,
  status: statusAt(row, now),
  message: row.message,
  invitedAt: row.invitedAt,
  expiresAt: row.expiresAt,
  respondedAt: row.respondedAt,
  declineReason: row.declineReason,
  contactConsentVersion: row.contactConsent?.consentText.version ?? null,
  contactConsentWithdrawnAt: row.contactConsent?.withdrawnAt ?? null,
  contactReleasedAt: isContactShared(row) ? row.contactReleasedAt : null,
  assignmentId: row.assignment?.id ?? null,
  answerChannel: row.answerChannel ? AnswerChannel[row.answerChannel] : null,
  answerRecordedByRole: row.answerRecordedByRole,
  version: row.version,
  invitee: toInvitee(row),
});

export const toMyInvitation = (row: InvitationRow, now: Date): MyInvitation => ({
  id: row.id,
  tenantId: row.tenantId,
  requestId: row.requestId,
  status: statusAt(row, now),
  message: row.message,
  invitedAt: row.invitedAt,
  expiresAt: row.expiresAt,
  respondedAt: row.respondedAt,
  declineReason: row.declineReason,
  contactShared: isContactShared(row),
  assignmentId: row.status === "ACCEPTED" ? (row.assignment?.id ?? null) : null,
  answerChannel: row.answerChannel ? AnswerChannel[row.answerChannel] : null,
  answerRecordedByRole: row.answerRecordedByRole,
});

/** The assignment description; a digital occasion's meeting link only for someone holding a place. */
export const toAssignmentBrief = (row: AssignmentBriefRow, holdsPlace: boolean): AssignmentBrief => ({
  id: row.id,
  title: row.title,
  purpose: row.purpose,
  expectations: row.expectations,
  assignmentLength: row.assignmentLength as AssignmentLength,
  audienceDescription: row.audienceDescription,
  audienceSize: row.audienceSize,
  preparation: row.preparation,
  specialRequirements: row.specialRequirements,
  compensationOffered: row.compensationOffered,
  unitName: row.unit.name,
  networkName: row.network.name,
  occasions: row.occasions.map((occasion) => ({
    id: occasion.id,
    startsAt: occasion.startsAt,
    endsAt: occasion.endsAt,
    place: occasion.place,
    digitalLink: holdsPlace && !occasion.cancelledAt ? occasion.digitalLink : null,
    cancelledAt: occasion.cancelledAt,
  })),
});
