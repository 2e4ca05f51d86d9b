import type { GraphQLResponse, TestApi } from "@medverkan/api/testing";
import { graphql } from "../generated/gql.js";
import type { CreateTrainingSessionInput, TrainingEnrolmentFieldsFragment, TrainingSessionFieldsFragment } from "../generated/graphql.js";
import { mutate, present, query } from "../invitations/invitations.js";

// Documents and helpers shared by the training specs. The documents are typed (tests/generated): a spec using them
// gets the operation's result and variables types; the files not yet converted read them with their own types.

graphql(`fragment TrainingSessionFields on TrainingSession {
  id version title startsAt endsAt format place digitalLink capacity cancelledAt enrolledCount waitlistedCount placesLeft
  network { id slug } }`);
graphql(`fragment TrainingEnrolmentFields on TrainingEnrolment {
  id status enrolledAt attended attendanceRecordedAt waitlistPosition digitalLink participant { id givenName familyName }
  session { id title placesLeft } }`);

export const CREATE_SESSION = graphql(`mutation CreateTrainingSession($input: CreateTrainingSessionInput!) {
  createTrainingSession(input: $input) { session { ...TrainingSessionFields } errors { __typename ...PayloadErrorFields } } }`);
export const UPDATE_SESSION = graphql(`mutation UpdateTrainingSession($input: UpdateTrainingSessionInput!) {
  updateTrainingSession(input: $input) { session { ...TrainingSessionFields } errors { __typename ...PayloadErrorFields } } }`);
export const CANCEL_SESSION = graphql(`mutation CancelTrainingSession($input: CancelTrainingSessionInput!) {
  cancelTrainingSession(input: $input) { session { ...TrainingSessionFields } errors { __typename ...PayloadErrorFields } } }`);
export const ENROL = graphql(`mutation CreateTrainingEnrolment($input: CreateTrainingEnrolmentInput!) {
  createTrainingEnrolment(input: $input) {
    enrolment { ...TrainingEnrolmentFields } errors { __typename ...PayloadErrorFields ... on AlreadyEnrolled { status } } } }`);
export const CANCEL_ENROLMENT = graphql(`mutation CancelTrainingEnrolment($input: CancelTrainingEnrolmentInput!) {
  cancelTrainingEnrolment(input: $input) { enrolment { ...TrainingEnrolmentFields } errors { __typename ...PayloadErrorFields } } }`);
export const RECORD_ATTENDANCE = graphql(`mutation RecordTrainingAttendance($input: RecordTrainingAttendanceInput!) {
  recordTrainingAttendance(input: $input) { enrolment { ...TrainingEnrolmentFields } errors { __typename ...PayloadErrorFields } } }`);
export const SESSIONS = graphql(`query TrainingSessions($networkId: ID, $upcomingOnly: Boolean, $first: Int, $after: String) {
  trainingSessions(networkId: $networkId, upcomingOnly: $upcomingOnly, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ...TrainingSessionFields } } }`);
export const SESSION = graphql(`query TrainingSession($id: ID!) { trainingSession(id: $id) { ...TrainingSessionFields
  enrolments(first: 20) { totalCount nodes { id status waitlistPosition participant { id givenName familyName } } } } }`);
export const MY_ENROLMENTS = graphql(`query MyTrainingEnrolments {
  myTrainingEnrolments(first: 20) { totalCount nodes { ...TrainingEnrolmentFields } } }`);
export const PUBLIC_UPCOMING = graphql(`query PublicUpcomingTrainingSessions($slug: String!) {
  tenant(slug: $slug) { networks(first: 1) { nodes { slug upcomingTrainingSessions(first: 5) {
    totalCount nodes { id title startsAt endsAt format place capacity placesLeft cancelledAt } } } } } }`);

export type Session = TrainingSessionFieldsFragment;
export type Enrolment = TrainingEnrolmentFieldsFragment;

export const fieldErrorsOf = (response: GraphQLResponse<unknown>) =>
  (
    (response.errors?.[0]?.extensions?.fieldErrors as Array<{ field: string; code: string; messages: { sv: string; en: string } }>) ?? []
  ).map((error) => [error.field, error.code]);

/** A time relative to now, in whole hours: sessions in the specs are placed around the moment the test runs. */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

export function digitalSession(networkId: string, overrides: Partial<CreateTrainingSessionInput> = {}): CreateTrainingSessionInput {
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

const SESSION_COUNT = graphql(`query TrainingSessionCountOfTenant { trainingSessions(upcomingOnly: false, first: 1) { totalCount } }`);

/**
 * How many training sessions the tenants of these administrators hold together, past and cancelled ones included (a
 * tenant administrator plans for every network of the tenant): unchanged after a refused change.
 */
export async function trainingSessionCount(api: TestApi, adminTokens: readonly string[]): Promise<number> {
  let count = 0;
  for (const token of adminTokens) count += present((await query(api, token, SESSION_COUNT)).trainingSessions, "the sessions").totalCount;
  return count;
}

const POOL_IN_INTAKE = graphql(`query TrainingPoolInIntake($filter: MemberSearchInput, $after: String) {
  members(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`);
const MEMBER_LOGINS = graphql(`query TrainingMemberLogins($memberId: ID!) { memberLogins(memberId: $memberId) { id } }`);

/**
 * Members of the network early in intake (registered, contacted or with the introduction booked) and not yet trained,
 * whom nobody signs in as (no linked login): found as the network's coordinator finds them, with the pool search.
 */
export async function untrainedMembersInIntake(
  api: TestApi,
  coordinatorToken: string,
  networkId: string,
  count: number,
): Promise<string[]> {
  const filter = { networkId, statuses: ["REGISTERED", "CONTACTED", "INTRODUCTION_BOOKED"] as const, trained: false };
  const page = async (after: string | null) =>
    present((await query(api, coordinatorToken, POOL_IN_INTAKE, { filter: { ...filter, statuses: [...filter.statuses] }, after })).members);
  const found: string[] = [];
  for (let members = await page(null); ; members = await page(members.pageInfo.endCursor ?? null)) {
    for (const { id } of members.nodes) {
      if (found.length === count) return found;
      const logins = present((await query(api, coordinatorToken, MEMBER_LOGINS, { memberId: id })).memberLogins, "the logins");
      if (logins.length === 0) found.push(id);
    }
    if (found.length === count || !members.pageInfo.hasNextPage) return found;
  }
}

const MEMBERSHIPS = graphql(`query TrainingMembershipsOfMember($id: ID!) { member(id: $id) { id
  memberships { id status trainedAt statusChangedAt network { id } events { fromStatus toStatus actorType at } } } }`);

/** The member's membership of the network, with its intake history, as the network's coordinator reads it. */
export async function membershipAsCoordinatorSeesIt(api: TestApi, coordinatorToken: string, memberId: string, networkId: string) {
  const member = present((await query(api, coordinatorToken, MEMBERSHIPS, { id: memberId })).member, `member ${memberId}`);
  return present(
    member.memberships.find((membership) => membership.network?.id === networkId),
    `${memberId}'s membership`,
  );
}

/**
 * Scenario: a session that started three hours ago (an hour and a half long) with the member's enrolment, which was
 * cancelled while the session still lay ahead; the coordinator (`coordinatorToken`) then moved the session to its
 * time (a session may be set at any time, as one that has started may be created). After the start an enrolment can
 * no longer be cancelled, so this is how such a world comes about.
 */
export async function anEnrolmentCancelledBeforeItsSessionStarted(
  api: TestApi,
  coordinatorToken: string,
  networkId: string,
  memberId: string,
): Promise<{ sessionId: string; enrolmentId: string }> {
  const created = await mutate(api, coordinatorToken, CREATE_SESSION, digitalSession(networkId));
  const session = present(created.session, `a session (${JSON.stringify(created.errors)})`);
  const enrolled = await mutate(api, coordinatorToken, ENROL, { sessionId: session.id, memberId });
  const enrolment = present(enrolled.enrolment, `an enrolment (${JSON.stringify(enrolled.errors)})`);
  const cancelled = await mutate(api, coordinatorToken, CANCEL_ENROLMENT, { id: enrolment.id });
  if (cancelled.enrolment?.status !== "CANCELLED") throw new Error(`cancelling failed: ${JSON.stringify(cancelled.errors)}`);
  const moved = await mutate(api, coordinatorToken, UPDATE_SESSION, {
    id: session.id,
    expectedVersion: session.version,
    startsAt: hoursFromNow(-3),
    endsAt: hoursFromNow(-1.5),
  });
  if (!moved.session) throw new Error(`moving the session failed: ${JSON.stringify(moved.errors)}`);
  return { sessionId: session.id, enrolmentId: enrolment.id };
}
