import type { Actor } from "../auth/actor.js";
import { Perspective } from "../member/member.type.js";
import { FeedbackAuthor, FeedbackType } from "./feedback.type.js";
import type { OccasionType } from "./occasion.type.js";
import type { FeedbackRow, OccasionRow, RequestRow } from "./request.repository.js";
import { AssignmentLength, type RequestEventType, RequestStatus, type RequestType } from "./request.type.js";

export function toRequest(row: RequestRow): RequestType {
  return {
    id: row.id,
    tenantId: row.tenantId,
    networkId: row.networkId,
    unitId: row.unitId,
    requestedById: row.requestedById,
    assignmentTypeId: row.assignmentTypeId,
    costCentreId: row.costCentreId,
    contactPerson: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    title: row.title,
    purpose: row.purpose,
    expectations: row.expectations,
    experienceText: row.experienceText,
    competencesSought: row.competencesSought,
    perspectivesSought: row.perspectivesSought.map((p) => Perspective[p]),
    numberOfPersons: row.numberOfPersons,
    assignmentLength: AssignmentLength[row.assignmentLength],
    audienceDescription: row.audienceDescription,
    audienceSize: row.audienceSize,
    selectionProcess: row.selectionProcess,
    specialRequirements: row.specialRequirements,
    preparation: row.preparation,
    compensationOffered: row.compensationOffered,
    requestFormVersion: row.requestFormVersion,
    answersJson: row.answers,
    directRecruitment: row.directRecruitment,
    status: RequestStatus[row.status],
    statusReason: row.statusReason,
    submittedAt: row.submittedAt,
    filledAt: row.filledAt,
    carriedOutAt: row.carriedOutAt,
    followedUpAt: row.followedUpAt,
    followUpNote: row.followUpNote,
    closedAt: row.closedAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function toOccasion(row: OccasionRow): OccasionType {
  return { ...row };
}

export function toRequestEvent(row: {
  id: string;
  fromStatus: RequestRow["status"] | null;
  toStatus: RequestRow["status"];
  reason: string | null;
  at: Date;
}): RequestEventType {
  return {
    id: row.id,
    fromStatus: row.fromStatus ? RequestStatus[row.fromStatus] : null,
    toStatus: RequestStatus[row.toStatus],
    reason: row.reason,
    at: row.at,
  };
}

function actorId(actor: Actor): string | null {
  if (actor.kind === "STAFF") return actor.staffUserId;
  if (actor.kind === "MEMBER") return actor.memberId;
  return null;
}

export function toFeedback(row: FeedbackRow, actor: Actor): FeedbackType {
  return Object.assign(new FeedbackType(), {
    id: row.id,
    tenantId: row.tenantId,
    requestId: row.requestId,
    authorId: row.authorId,
    assignmentId: row.assignmentId,
    author: FeedbackAuthor[row.author],
    rating: row.rating,
    comment: row.comment,
    createdAt: row.createdAt,
    givenByYou: row.authorId !== null && row.authorId === actorId(actor),
  });
}

/** What the audit log keeps of a request change: the lifecycle facts, not the free texts. */
export function requestSnapshot(row: RequestRow) {
  return {
    status: row.status,
    statusReason: row.statusReason,
    numberOfPersons: row.numberOfPersons,
    networkId: row.networkId,
    unitId: row.unitId,
    costCentreId: row.costCentreId,
    version: row.version,
  };
}
