import type { Locale } from "@medverkan/domain";
import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { TrainingEnrolment, TrainingEnrolmentStatus, TrainingSession } from "./training.type.js";

// A full session is not an error: the enrolment lands on the waiting list (status WAITLISTED).

@ObjectType({ implements: ErrorResult, description: "The member already has a place or a place in the queue in this session." })
export class AlreadyEnrolled extends ErrorResult {
  @Field(() => TrainingEnrolmentStatus)
  status!: TrainingEnrolmentStatus;
}

@ObjectType({ implements: ErrorResult, description: "The session has been cancelled." })
export class SessionCancelled extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "The session has already started: enrol in or leave another one instead." })
export class SessionStarted extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "Attendance can be recorded once the session has started." })
export class SessionNotStarted extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "The member does not belong to the network that holds the session." })
export class NotInSessionNetwork extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "The enrolment was cancelled; enrol again before recording attendance." })
export class TrainingEnrolmentCancelled extends ErrorResult {}

export const trainingErrors = {
  alreadyEnrolled: (status: TrainingEnrolmentStatus, locale: Locale) =>
    errorResult(
      AlreadyEnrolled,
      "ALREADY_ENROLLED",
      status === TrainingEnrolmentStatus.WAITLISTED
        ? { sv: "Personen står redan på väntelistan till tillfället.", en: "The person is already on the session's waiting list." }
        : { sv: "Personen är redan anmäld till tillfället.", en: "The person is already enrolled in the session." },
      locale,
      { status },
    ),
  sessionCancelled: (locale: Locale) =>
    errorResult(SessionCancelled, "SESSION_CANCELLED", { sv: "Tillfället är inställt.", en: "The session has been cancelled." }, locale),
  sessionStarted: (locale: Locale) =>
    errorResult(
      SessionStarted,
      "SESSION_STARTED",
      { sv: "Tillfället har redan börjat. Välj ett senare tillfälle.", en: "The session has already started. Choose a later one." },
      locale,
    ),
  sessionNotStarted: (locale: Locale) =>
    errorResult(
      SessionNotStarted,
      "SESSION_NOT_STARTED",
      { sv: "Närvaro kan registreras först när tillfället har börjat.", en: "Attendance can be recorded once the session has started." },
      locale,
    ),
  notInSessionNetwork: (locale: Locale) =>
    errorResult(
      NotInSessionNetwork,
      "NOT_IN_SESSION_NETWORK",
      {
        sv: "Personen är inte med i nätverket som håller tillfället.",
        en: "The person is not a member of the network that holds the session.",
      },
      locale,
    ),
  enrolmentCancelled: (locale: Locale) =>
    errorResult(
      TrainingEnrolmentCancelled,
      "ENROLMENT_CANCELLED",
      { sv: "Anmälan är avbokad. Anmäl personen igen först.", en: "The enrolment was cancelled. Enrol the person again first." },
      locale,
    ),
};

export const CreateTrainingSessionError = createUnionType({ name: "CreateTrainingSessionError", types: () => [NotFound] as const });
export const UpdateTrainingSessionError = createUnionType({
  name: "UpdateTrainingSessionError",
  types: () => [NotFound, SessionCancelled] as const,
});
export const CancelTrainingSessionError = createUnionType({ name: "CancelTrainingSessionError", types: () => [NotFound] as const });
export const CreateTrainingEnrolmentError = createUnionType({
  name: "CreateTrainingEnrolmentError",
  types: () => [NotFound, AlreadyEnrolled, SessionCancelled, SessionStarted, NotInSessionNetwork] as const,
});
export const CancelTrainingEnrolmentError = createUnionType({
  name: "CancelTrainingEnrolmentError",
  types: () => [NotFound, SessionStarted] as const,
});
export const RecordTrainingAttendanceError = createUnionType({
  name: "RecordTrainingAttendanceError",
  types: () => [NotFound, SessionCancelled, SessionNotStarted, TrainingEnrolmentCancelled] as const,
});

@ObjectType()
export class CreateTrainingSessionPayload {
  @Field(() => TrainingSession, { nullable: true, description: "The new session; null when it was not created." })
  session!: TrainingSession | null;

  @Field(() => [CreateTrainingSessionError])
  errors!: Array<typeof CreateTrainingSessionError>;
}

@ObjectType()
export class UpdateTrainingSessionPayload {
  @Field(() => TrainingSession, { nullable: true, description: "The session as it is now; null when it was not changed." })
  session!: TrainingSession | null;

  @Field(() => [UpdateTrainingSessionError])
  errors!: Array<typeof UpdateTrainingSessionError>;
}

@ObjectType()
export class CancelTrainingSessionPayload {
  @Field(() => TrainingSession, { nullable: true })
  session!: TrainingSession | null;

  @Field(() => [CancelTrainingSessionError])
  errors!: Array<typeof CancelTrainingSessionError>;
}

@ObjectType()
export class CreateTrainingEnrolmentPayload {
  @Field(() => TrainingEnrolment, { nullable: true, description: "ENROLLED, or WAITLISTED when the session is full." })
  enrolment!: TrainingEnrolment | null;

  @Field(() => [CreateTrainingEnrolmentError])
  errors!: Array<typeof CreateTrainingEnrolmentError>;
}

@ObjectType()
export class CancelTrainingEnrolmentPayload {
  @Field(() => TrainingEnrolment, { nullable: true })
  enrolment!: TrainingEnrolment | null;

  @Field(() => [CancelTrainingEnrolmentError])
  errors!: Array<typeof CancelTrainingEnrolmentError>;
}

@ObjectType()
export class RecordTrainingAttendancePayload {
  @Field(() => TrainingEnrolment, { nullable: true })
  enrolment!: TrainingEnrolment | null;

  @Field(() => [RecordTrainingAttendanceError])
  errors!: Array<typeof RecordTrainingAttendanceError>;
}
