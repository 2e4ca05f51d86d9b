import type { GraphQLResponse, TestApi } from "@medverkan/api/testing";
import { expect } from "vitest";

// Documents and helpers shared by the training specs.

export const SESSION_FIELDS =
  "id version title startsAt endsAt format place digitalLink capacity cancelledAt enrolledCount waitlistedCount placesLeft network { id slug }";
export const ENROLMENT_FIELDS =
  "id status enrolledAt attended attendanceRecordedAt waitlistPosition digitalLink participant { id givenName familyName } session { id title placesLeft }";
const ERRORS = "errors { __typename ... on ErrorResult { code message messageSv messageEn } }";
const ENROL_ERRORS = "errors { __typename ... on ErrorResult { code message messageSv messageEn } ... on AlreadyEnrolled { status } }";

export const CREATE_SESSION = `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { session { ${SESSION_FIELDS} } ${ERRORS} } }`;
export const UPDATE_SESSION = `mutation($input: UpdateTrainingSessionInput!) { updateTrainingSession(input: $input) { session { ${SESSION_FIELDS} } ${ERRORS} } }`;
export const CANCEL_SESSION = `mutation($input: CancelTrainingSessionInput!) { cancelTrainingSession(input: $input) { session { ${SESSION_FIELDS} } ${ERRORS} } }`;
export const ENROL = `mutation($input: CreateTrainingEnrolmentInput!) { createTrainingEnrolment(input: $input) { enrolment { ${ENROLMENT_FIELDS} } ${ENROL_ERRORS} } }`;
export const CANCEL_ENROLMENT = `mutation($input: CancelTrainingEnrolmentInput!) { cancelTrainingEnrolment(input: $input) { enrolment { ${ENROLMENT_FIELDS} } ${ERRORS} } }`;
export const RECORD_ATTENDANCE = `mutation($input: RecordTrainingAttendanceInput!) { recordTrainingAttendance(input: $input) { enrolment { ${ENROLMENT_FIELDS} } ${ERRORS} } }`;
export const SESSIONS = `query($networkId: ID, $upcomingOnly: Boolean, $first: Int, $after: String) {
  trainingSessions(networkId: $networkId, upcomingOnly: $upcomingOnly, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${SESSION_FIELDS} }
  }
}`;
export const SESSION = `query($id: ID!) { trainingSession(id: $id) { ${SESSION_FIELDS} enrolments(first: 20) { totalCount nodes { id status waitlistPosition participant { id givenName familyName } } } } }`;
export const MY_ENROLMENTS = `query { myTrainingEnrolments(first: 20) { totalCount nodes { ${ENROLMENT_FIELDS} } } }`;
export const PUBLIC_UPCOMING = `query($slug: String!) {
  tenant(slug: $slug) { networks(first: 1) { nodes { slug upcomingTrainingSessions(first: 5) {
    totalCount nodes { id title startsAt endsAt format place capacity placesLeft cancelledAt }
  } } } }
}`;

export interface Session {
  id: string;
  version: number;
  title: string;
  startsAt: string;
  endsAt: string;
  format: string;
  place: string | null;
  digitalLink: string | null;
  capacity: number;
  cancelledAt: string | null;
  enrolledCount: number;
  waitlistedCount: number;
  placesLeft: number;
  network: { id: string; slug: string };
}

export interface Enrolment {
  id: string;
  status: "ENROLLED" | "WAITLISTED" | "CANCELLED";
  attended: boolean | null;
  attendanceRecordedAt: string | null;
  waitlistPosition: number | null;
  digitalLink: string | null;
  participant: { id: string; givenName: string; familyName: string };
  session: { id: string; title: string; placesLeft: number };
}

export type PayloadError = { __typename: string; code: string; message: string; messageSv: string; messageEn: string; status?: string };

/** The `{ <field>: { <key>, errors } }` payload of a mutation, asserting there was no GraphQL error. */
export async function mutate<T>(api: TestApi, token: string, document: string, input: Record<string, unknown>, field: string, key: string) {
  const response = await api.graphql<Record<string, Record<string, unknown>>>(document, { token, variables: { input } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const payload = response.data?.[field] as Record<string, unknown>;
  return { value: payload[key] as T | null, errors: payload.errors as PayloadError[] };
}

export const fieldErrorsOf = (response: GraphQLResponse<unknown>) =>
  (
    (response.errors?.[0]?.extensions?.fieldErrors as Array<{ field: string; code: string; messages: { sv: string; en: string } }>) ?? []
  ).map((error) => [error.field, error.code]);

/** A time relative to now, in whole hours: sessions in the specs are placed around the moment the test runs. */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

export function digitalSession(networkId: string, overrides: Record<string, unknown> = {}) {
  return {
    networkId,
    title: "Introduktionsutbildning för patientföreträdare",
    startsAt: hoursFromNow(24 * 30),
    endsAt: hoursFromNow(24 * 30 + 1.5),
    format: "DIGITAL",
    digitalLink: "https://moten.example.se/vgr/introduktion",
    capacity: 25,
    ...overrides,
  };
}
