import type { EnrolmentRow, SessionRow } from "./training.repository.js";
import {
  type TrainingEnrolment,
  TrainingEnrolmentStatus,
  TrainingFormat,
  type TrainingSession,
  type TrainingSessionSummary,
} from "./training.type.js";

export const toTrainingSession = (row: SessionRow): TrainingSession => ({ ...row, format: row.format as TrainingFormat });

/** The public view: no link (it would let anyone into the meeting) and nothing about who comes. */
export const toSessionSummary = (row: SessionRow): TrainingSessionSummary => ({
  id: row.id,
  tenantId: row.tenantId,
  networkId: row.networkId,
  title: row.title,
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  format: row.format as TrainingFormat,
  place: row.place,
  capacity: row.capacity,
  cancelledAt: row.cancelledAt,
});

export const toTrainingEnrolment = (row: EnrolmentRow): TrainingEnrolment => ({
  id: row.id,
  tenantId: row.tenantId,
  sessionId: row.sessionId,
  memberId: row.memberId,
  status: row.status as TrainingEnrolmentStatus,
  enrolledAt: row.enrolledAt,
  attended: row.attended,
  attendanceRecordedAt: row.attendanceRecordedAt,
  participant: { id: row.memberId, tenantId: row.tenantId, givenName: row.member.givenName, familyName: row.member.familyName },
});

export const isHoldingPlace = (enrolment: { status: string }) => enrolment.status === TrainingEnrolmentStatus.ENROLLED;
export { TrainingFormat };
