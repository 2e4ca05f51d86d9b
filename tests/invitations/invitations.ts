import type { ResultOf, TypedDocumentNode, VariablesOf } from "@graphql-typed-document-node/core";
import type { GraphQLDocument, GraphQLResponse, TestApi } from "@medverkan/api/testing";
import { expect } from "vitest";
import { graphql } from "../generated/gql.js";
import { withNothingInTheWay } from "../support/database-steps.js";

// Documents and helpers shared by the invitation, contact-release and assignment specs. The documents are typed
// (tests/generated, `npm run generate`): a test using them gets the operation's result and variables types, and a
// field the schema no longer has fails the type check. Files not yet converted read them with their own types.

graphql(`fragment PayloadErrorFields on ErrorResult { code message messageSv messageEn }`);
graphql(`fragment InvitationFields on Invitation {
  id status message invitedAt expiresAt respondedAt declineReason contactConsentVersion contactConsentWithdrawnAt contactReleasedAt
  assignmentId waitlistPosition invitee { id memberId givenName familyName }
}`);
graphql(`fragment MyInvitationFields on MyInvitation {
  id status message invitedAt expiresAt respondedAt declineReason contactShared assignmentId waitlistPosition
  request { id title purpose expectations assignmentLength audienceDescription preparation compensationOffered unitName networkName
    occasions { id startsAt endsAt place digitalLink cancelledAt } }
}`);
graphql(`fragment AssignmentFields on Assignment {
  id status agreementRequired agreementSigned agreementSignedByMemberAt agreementSignedByUnitAt agreementValidFrom
  agreementValidTo agreementScope cancelledAt cancellationReason version attendances { id occasionId attended durationMinutes travelMinutes }
}`);

export const INVITE = graphql(`mutation InviteMembers($input: InviteMembersInput!) { inviteMembers(input: $input) {
  invitations { ...InvitationFields }
  errors { __typename ...PayloadErrorFields ... on MemberNotInvitable { memberId reason } } } }`);
export const RESPOND = graphql(`mutation RespondToInvitation($input: RespondToInvitationInput!) { respondToInvitation(input: $input) {
  invitation { ...MyInvitationFields }
  errors { __typename ...PayloadErrorFields ... on InvitationNotOpen { reason } ... on ConsentRequired { kind currentVersion } } } }`);
export const WITHDRAW_FROM_ASSIGNMENT = graphql(`mutation WithdrawFromAssignment($input: WithdrawFromAssignmentInput!) {
  withdrawFromAssignment(input: $input) { invitation { id status declineReason contactShared }
    errors { __typename ...PayloadErrorFields ... on InvitationNotWithdrawable { status } } } }`);
export const WITHDRAW_CONSENT = graphql(`mutation WithdrawContactSharingConsent($input: WithdrawContactSharingConsentInput!) {
  withdrawContactSharingConsent(input: $input) { invitation { id status contactShared } errors { __typename ...PayloadErrorFields } } }`);
export const WITHDRAW_INVITATION = graphql(`mutation WithdrawInvitation($input: WithdrawInvitationInput!) {
  withdrawInvitation(input: $input) { invitation { ...InvitationFields }
    errors { __typename ...PayloadErrorFields ... on InvitationNotWithdrawable { status } } } }`);
export const RECORD_ATTENDANCE = graphql(`mutation RecordAttendance($input: RecordAttendanceInput!) { recordAttendance(input: $input) {
  attendance { id assignmentId occasionId attended durationMinutes travelMinutes }
  errors { __typename ...PayloadErrorFields ... on AttendanceNotPossible { reason } } } }`);
export const RECORD_AGREEMENT = graphql(`mutation RecordAgreement($input: RecordAgreementInput!) { recordAgreement(input: $input) {
  assignment { ...AssignmentFields } errors { __typename ...PayloadErrorFields } } }`);
export const CANCEL_PARTICIPANT = graphql(`mutation CancelParticipant($input: CancelParticipantInput!) { cancelParticipant(input: $input) {
  assignment { ...AssignmentFields } promoted { id status } errors { __typename ...PayloadErrorFields } } }`);
export const MY_INVITATIONS = graphql(`query MyInvitations($filter: InvitationFilter) { myInvitations(filter: $filter, first: 20) {
  totalCount nodes { ...MyInvitationFields } } }`);
export const MY_ASSIGNMENTS = graphql(`query MyAssignments { myAssignments(first: 20) { totalCount nodes {
  id status agreementRequired agreementSigned agreementSignedByMemberAt agreementSignedByUnitAt agreementValidFrom
  agreementValidTo agreementScope cancelledAt cancellationReason version attendances { id occasionId attended durationMinutes travelMinutes }
  request { id title unitName } } } }`);
export const REQUEST_PARTICIPANTS = graphql(`query RequestParticipants($id: ID!) { request(id: $id) {
  id status participants { assignmentId givenName familyName email phone } } }`);
export const REQUEST_INVITATIONS = graphql(`query RequestInvitations($id: ID!, $filter: InvitationFilter) { request(id: $id) {
  id status numberOfPersons filledAt invitations(filter: $filter, first: 50) { totalCount nodes { ...InvitationFields } } } }`);
export const REQUEST_ASSIGNMENTS = graphql(
  `query RequestAssignments($id: ID!) { request(id: $id) { id status assignments { ...AssignmentFields } } }`,
);
export const CONTACT_SHARING_TEXT = graphql(`query ContactSharingText($slug: String!) {
  tenant(slug: $slug) { currentConsentText(kind: CONTACT_SHARING) { version } } }`);
export const ME_MEMBER = graphql(`query MeMember { me { member { id givenName familyName email phone } } }`);
export const POOL_SEARCH = graphql(
  `query PoolSearch($filter: MemberSearchInput) { members(filter: $filter, first: 100) { nodes { id } } }`,
);

export type PayloadError = {
  __typename: string;
  code: string;
  message: string;
  messageSv: string;
  messageEn: string;
  memberId?: string;
  reason?: string;
  currentVersion?: string | null;
  status?: string;
};

export interface InvitationView {
  id: string;
  status: string;
  assignmentId: string | null;
  waitlistPosition: number | null;
  contactReleasedAt: string | null;
  invitee: { id: string; memberId: string; givenName: string; familyName: string };
  [key: string]: unknown;
}

export interface MyInvitationView {
  id: string;
  status: string;
  contactShared: boolean;
  assignmentId: string | null;
  waitlistPosition: number | null;
  request: {
    id: string;
    title: string;
    unitName: string;
    occasions: Array<{ id: string; place: string | null; digitalLink: string | null }>;
    [key: string]: unknown;
  } | null;
  [key: string]: unknown;
}

export interface Contact {
  assignmentId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
}

/** Every field any member of an error union has, each a union of its types (absent in a member: undefined). */
type AllKeys<Union> = Union extends unknown ? keyof Union : never;
export type LooseUnion<Union> = { [Key in AllKeys<Union>]: Union extends { [K in Key]?: infer Value } ? Value : undefined };

/** A typed payload, its `errors` union loosened so that a test can look at `reason` or `status` of any of them. */
export type Payload<Result> = Result[keyof Result] extends infer P
  ? P extends { errors: Array<infer E> }
    ? Omit<P, "errors"> & { errors: LooseUnion<E>[] }
    : P
  : never;

/**
 * What a call gets that names no type and whose typed document's variables do not fit: a type that has none of the
 * payload's fields, so the mistake shows at the first use instead of passing as an untyped payload.
 */
export type VariablesDoNotFitTheDocument = { readonly __variablesDoNotFitTheTypedDocument: never };

/** A mutation's payload, asserting there was no GraphQL error. */
export async function mutate<Document extends TypedDocumentNode<unknown, never>>(
  api: TestApi,
  token: string,
  document: Document,
  input: VariablesOf<Document> extends { input: infer Input } ? Input : never,
): Promise<Payload<ResultOf<Document>>>;
/** The same for a plain-string document (files not yet converted), with a hand-written payload type. */
export async function mutate<T = VariablesDoNotFitTheDocument>(
  api: TestApi,
  token: string,
  document: GraphQLDocument,
  input: Record<string, unknown>,
): Promise<T & { errors: PayloadError[] }>;
export async function mutate(api: TestApi, token: string, document: GraphQLDocument, input: unknown): Promise<unknown> {
  const response = await api.graphql<Record<string, unknown>>(document, { token, variables: { input } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return Object.values(response.data ?? {})[0];
}

/** A query's data, asserting there was no GraphQL error. */
export async function query<Document extends TypedDocumentNode<unknown, never>>(
  api: TestApi,
  token: string,
  document: Document,
  ...variables: Record<string, never> extends VariablesOf<Document>
    ? [variables?: VariablesOf<Document>]
    : [variables: VariablesOf<Document>]
): Promise<ResultOf<Document>>;
/** The same for a plain-string document (files not yet converted), with a hand-written result type. */
export async function query<T = VariablesDoNotFitTheDocument>(
  api: TestApi,
  token: string,
  document: GraphQLDocument,
  variables?: Record<string, unknown>,
): Promise<T>;
export async function query(api: TestApi, token: string, document: GraphQLDocument, variables: unknown = {}): Promise<unknown> {
  const response = await api.graphql(document, { token, variables: variables as Record<string, unknown> });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data;
}

/** A root field a query asked for, asserting the API gave it (root fields are nullable: a refused part is null). */
export function present<T>(value: T | null | undefined, what = "the queried object"): T {
  if (value === null || value === undefined) throw new Error(`${what} is not visible`);
  return value;
}

export const errorCodes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((error) => error.extensions?.code);

export async function contactSharingVersion(api: TestApi, slug: string): Promise<string> {
  const data = await query(api, "", CONTACT_SHARING_TEXT, { slug });
  const version = data.tenant?.currentConsentText?.version;
  if (!version) throw new Error(`${slug} has no contact-sharing consent text`);
  return version;
}

/** Accepts an invitation as the member, with the tenant's current contact-sharing text. */
export function accept(api: TestApi, token: string, invitationId: string, consentTextVersion: string) {
  return mutate(api, token, RESPOND, { invitationId, accept: true, consentTextVersion });
}

export async function participants(api: TestApi, token: string, requestId: string): Promise<Contact[]> {
  const data = await query(api, token, REQUEST_PARTICIPANTS, { id: requestId });
  return present(data.request, "request").participants;
}

// The database steps these helpers used to take themselves, under their old names for the files not yet converted
// (a converted file sets its world up with tests/support/scenarios.ts).
export {
  letTheAnswerTimeRunOut as lapse,
  letTheOccasionTakePlaceYesterday as holdOccasionYesterday,
  membersHaveSignedIn as memberTokens,
  tenantId,
} from "../support/database-steps.js";

/**
 * Active members of a network with nothing in the way of an invitation (scenario: the part of the pool a coordinator
 * may ask), found the way a coordinator does: the pool search.
 */
export async function activePool(api: TestApi, coordinatorToken: string, networkId: string, count: number): Promise<string[]> {
  const data = await query(api, coordinatorToken, POOL_SEARCH, { filter: { networkId, statuses: ["ACTIVE"] } });
  const ids = await withNothingInTheWay(
    api,
    present(data.members).nodes.map((node) => node.id),
  );
  if (ids.length < count) throw new Error(`only ${ids.length} free active members in the network`);
  return ids.slice(0, count);
}
