import type { AssignmentAttendanceRefusal, Locale } from "@medverkan/domain";
import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { Assignment, AttendanceRecord, AttendanceRefusalReason } from "./assignment.type.js";

@ObjectType({ implements: ErrorResult, description: "Attendance cannot be recorded for this occasion (see `reason`)." })
export class AttendanceNotPossible extends ErrorResult {
  @Field(() => AttendanceRefusalReason)
  reason!: AttendanceRefusalReason;
}

@ObjectType({ implements: ErrorResult, description: "The participant's place was cancelled." })
export class AssignmentCancelled extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "The assignment has been carried out; its place can no longer be cancelled." })
export class AssignmentCarriedOut extends ErrorResult {}

const ATTENDANCE_REFUSALS = {
  OCCASION_NOT_IN_REQUEST: { sv: "Tillfället hör inte till uppdraget.", en: "The occasion is not part of the assignment." },
  OCCASION_CANCELLED: { sv: "Tillfället är inställt.", en: "The occasion was cancelled." },
  OCCASION_NOT_STARTED: {
    sv: "Närvaro kan registreras först när tillfället har börjat.",
    en: "Attendance can be recorded once the occasion has begun.",
  },
  ASSIGNMENT_CANCELLED: { sv: "Deltagarens plats är avbokad.", en: "The participant's place was cancelled." },
} as const;

export const assignmentErrors = {
  attendanceNotPossible: (refusal: AssignmentAttendanceRefusal, locale: Locale) =>
    errorResult(AttendanceNotPossible, "ATTENDANCE_NOT_POSSIBLE", ATTENDANCE_REFUSALS[refusal], locale, {
      reason: AttendanceRefusalReason[refusal],
    }),
  cancelled: (locale: Locale) => errorResult(AssignmentCancelled, "ASSIGNMENT_CANCELLED", ATTENDANCE_REFUSALS.ASSIGNMENT_CANCELLED, locale),
  carriedOut: (locale: Locale) =>
    errorResult(
      AssignmentCarriedOut,
      "ASSIGNMENT_CARRIED_OUT",
      { sv: "Uppdraget är redan genomfört.", en: "The assignment has already been carried out." },
      locale,
    ),
};

export const RecordAttendanceError = createUnionType({
  name: "RecordAttendanceError",
  types: () => [NotFound, AttendanceNotPossible] as const,
});
export const RecordAgreementError = createUnionType({
  name: "RecordAgreementError",
  types: () => [NotFound, AssignmentCancelled] as const,
});
export const CancelParticipantError = createUnionType({
  name: "CancelParticipantError",
  types: () => [NotFound, AssignmentCarriedOut] as const,
});

@ObjectType()
export class RecordAttendancePayload {
  @Field(() => AttendanceRecord, { nullable: true })
  attendance!: AttendanceRecord | null;

  @Field(() => [RecordAttendanceError])
  errors!: Array<typeof RecordAttendanceError>;
}

@ObjectType()
export class RecordAgreementPayload {
  @Field(() => Assignment, { nullable: true })
  assignment!: Assignment | null;

  @Field(() => [RecordAgreementError])
  errors!: Array<typeof RecordAgreementError>;
}

@ObjectType()
export class CancelParticipantPayload {
  @Field(() => Assignment, { nullable: true, description: "The cancelled place." })
  assignment!: Assignment | null;

  @Field(() => [Assignment], { description: "Places given to the first on the waiting list." })
  promoted!: Assignment[];

  @Field(() => [CancelParticipantError])
  errors!: Array<typeof CancelParticipantError>;
}
