import type { GraphQLResponse, TestApi } from "@medverkan/api/testing";
import { expect } from "vitest";

// Documents and helpers shared by the invitation, contact-release and assignment specs.

const errors = (extra = "") => `errors { __typename ... on ErrorResult { code message messageSv messageEn } ${extra} }`;
const ERRORS = errors();

export const INVITATION_FIELDS =
  "id status message invitedAt expiresAt respondedAt declineReason contactConsentVersion contactConsentWithdrawnAt contactReleasedAt assignmentId waitlistPosition invitee { id memberId givenName familyName }";
export const MY_INVITATION_FIELDS = `id status message invitedAt expiresAt respondedAt declineReason contactShared assignmentId waitlistPosition
  request { id title purpose expectations assignmentLength audienceDescription preparation compensationOffered unitName networkName
    occasions { id startsAt endsAt place digitalLink cancelledAt } }`;
export const ASSIGNMENT_FIELDS = `id status agreementRequired agreementSigned agreementSignedByMemberAt agreementSignedByUnitAt agreementValidFrom
  agreementValidTo agreementScope cancelledAt cancellationReason version attendances { id occasionId attended durationMinutes travelMinutes }`;

export const INVITE = `mutation($input: InviteMembersInput!) { inviteMembers(input: $input) { invitations { ${INVITATION_FIELDS} } ${errors("... on MemberNotInvitable { memberId reason }")} } }`;
export const RESPOND = `mutation($input: RespondToInvitationInput!) { respondToInvitation(input: $input) { invitation { ${MY_INVITATION_FIELDS} } ${errors("... on InvitationNotOpen { reason } ... on ConsentRequired { kind currentVersion }")} } }`;
export const WITHDRAW_FROM_ASSIGNMENT = `mutation($input: WithdrawFromAssignmentInput!) { withdrawFromAssignment(input: $input) { invitation { id status declineReason contactShared } ${errors("... on InvitationNotWithdrawable { status }")} } }`;
export const WITHDRAW_CONSENT = `mutation($input: WithdrawContactSharingConsentInput!) { withdrawContactSharingConsent(input: $input) { invitation { id status contactShared } ${ERRORS} } }`;
export const WITHDRAW_INVITATION = `mutation($input: WithdrawInvitationInput!) { withdrawInvitation(input: $input) { invitation { ${INVITATION_FIELDS} } ${errors("... on InvitationNotWithdrawable { status }")} } }`;
export const RECORD_ATTENDANCE = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { attendance { id assignmentId occasionId attended durationMinutes travelMinutes } ${errors("... on AttendanceNotPossible { reason }")} } }`;
export const RECORD_AGREEMENT = `mutation($input: RecordAgreementInput!) { recordAgreement(input: $input) { assignment { ${ASSIGNMENT_FIELDS} } ${ERRORS} } }`;
export const CANCEL_PARTICIPANT = `mutation($input: CancelParticipantInput!) { cancelParticipant(input: $input) { assignment { ${ASSIGNMENT_FIELDS} } promoted { id status } ${ERRORS} } }`;
export const MY_INVITATIONS = `query($filter: InvitationFilter) { myInvitations(filter: $filter, first: 20) { totalCount nodes { ${MY_INVITATION_FIELDS} } } }`;
export const MY_ASSIGNMENTS = `query { myAssignments(first: 20) { totalCount nodes { ${ASSIGNMENT_FIELDS} request { id title unitName } } } }`;
export const REQUEST_PARTICIPANTS = `query($id: ID!) { request(id: $id) { id status participants { assignmentId givenName familyName email phone } } }`;
export const REQUEST_INVITATIONS = `query($id: ID!, $filter: InvitationFilter) { request(id: $id) { id status numberOfPersons filledAt
  invitations(filter: $filter, first: 50) { totalCount nodes { ${INVITATION_FIELDS} } } } }`;
export const REQUEST_ASSIGNMENTS = `query($id: ID!) { request(id: $id) { id status assignments { ${ASSIGNMENT_FIELDS} } } }`;
export const CONTACT_SHARING_TEXT = `query($slug: String!) { tenant(slug: $slug) { currentConsentText(kind: CONTACT_SHARING) { version } } }`;
export const ME_MEMBER = `query { me { member { id givenName familyName email phone } } }`;

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

/** A mutation's payload, asserting there was no GraphQL error. */
export async function mutate<T = Record<string, unknown>>(
  api: TestApi,
  token: string,
  document: string,
  input: Record<string, unknown>,
): Promise<T & { errors: PayloadError[] }> {
  const response = await api.graphql<Record<string, T & { errors: PayloadError[] }>>(document, { token, variables: { input } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return Object.values(response.data ?? {})[0] as T & { errors: PayloadError[] };
}

/** A query's data, asserting there was no GraphQL error. */
export async function query<T>(api: TestApi, token: string, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await api.graphql<T>(document, { token, variables });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

export const errorCodes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((error) => error.extensions?.code);

export async function contactSharingVersion(api: TestApi, slug: string): Promise<string> {
  const data = await query<{ tenant: { currentConsentText: { version: string } | null } }>(api, "", CONTACT_SHARING_TEXT, { slug });
  const version = data.tenant.currentConsentText?.version;
  if (!version) throw new Error(`${slug} has no contact-sharing consent text`);
  return version;
}

/** Accepts an invitation as the member, with the tenant's current contact-sharing text. */
export function accept(api: TestApi, token: string, invitationId: string, consentTextVersion: string) {
  return mutate<{ invitation: MyInvitationView | null }>(api, token, RESPOND, { invitationId, accept: true, consentTextVersion });
}

export async function participants(api: TestApi, token: string, requestId: string): Promise<Contact[]> {
  const data = await query<{ request: { participants: Contact[] } | null }>(api, token, REQUEST_PARTICIPANTS, { id: requestId });
  if (!data.request) throw new Error("request not visible");
  return data.request.participants;
}

/**
 * Accounts for pool members (scenario: these people have signed in through the tenant's identity provider), so the
 * specs can act as them: a token per member, signed with the tenant's trusted key.
 */
export async function memberTokens(api: TestApi, tenant: string, memberIds: readonly string[]): Promise<Map<string, string>> {
  const prisma = api.running.database.prisma;
  const tokens = new Map<string, string>();
  for (const memberId of memberIds) {
    const row = await prisma.member.findUniqueOrThrow({ where: { tenantId_id: { tenantId: await tenantId(api, tenant), id: memberId } } });
    const subject = row.subject ?? `${tenant}-spec-member-${memberId}`;
    if (!row.subject) await prisma.member.update({ where: { tenantId_id: { tenantId: row.tenantId, id: memberId } }, data: { subject } });
    tokens.set(memberId, await api.signToken({ subject, audience: `medverkan:${tenant}` }));
  }
  return tokens;
}

export async function tenantId(api: TestApi, slug: string): Promise<string> {
  const row = await api.running.database.prisma.tenant.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  return row.id;
}

/**
 * Active members of a network with no pause and nothing else in the way of an invitation (scenario: the part of the
 * pool a coordinator may ask), found the way a coordinator does: the pool search.
 */
export async function activePool(api: TestApi, coordinatorToken: string, networkId: string, count: number): Promise<string[]> {
  const data = await query<{ members: { nodes: Array<{ id: string }> } }>(
    api,
    coordinatorToken,
    `query($filter: MemberSearchInput) { members(filter: $filter, first: 100) { nodes { id } } }`,
    { filter: { networkId, statuses: ["ACTIVE"] } },
  );
  const prisma = api.running.database.prisma;
  const free = await prisma.member.findMany({
    where: { id: { in: data.members.nodes.map((node) => node.id) }, restrictedAt: null, erasedAt: null, pauses: { none: {} } },
    select: { id: true },
  });
  const ids = free.map((row) => row.id);
  if (ids.length < count) throw new Error(`only ${ids.length} free active members in the network`);
  return ids.slice(0, count);
}

/** Scenario: the occasion has taken place (it is moved to yesterday, keeping its length). */
export async function holdOccasionYesterday(api: TestApi, occasionId: string): Promise<void> {
  const prisma = api.running.database.prisma;
  const occasion = await prisma.occasion.findFirstOrThrow({ where: { id: occasionId } });
  const startsAt = new Date(Date.now() - 86_400_000);
  await prisma.occasion.updateMany({
    where: { id: occasionId },
    data: { startsAt, endsAt: new Date(startsAt.getTime() + (occasion.endsAt.getTime() - occasion.startsAt.getTime())) },
  });
}

/** Scenario: the answer time has run out. */
export async function lapse(api: TestApi, invitationId: string): Promise<void> {
  await api.running.database.prisma.invitation.updateMany({
    where: { id: invitationId },
    data: { expiresAt: new Date(Date.now() - 60_000) },
  });
}
