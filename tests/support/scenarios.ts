import type { TestApi } from "@medverkan/api/testing";
import { graphql } from "../generated/gql.js";
import type { MemberSearchInput, MembershipStatus, ScenarioPoolPageQuery } from "../generated/graphql.js";
import { accept, activePool, contactSharingVersion, INVITE, ME_MEMBER, mutate, present, query } from "../invitations/invitations.js";
import { letTheAnswerTimeRunOut, letTheOccasionTakePlaceYesterday, membersHaveSignedIn, withNothingInTheWay } from "./database-steps.js";
import { startMatching, submitRequest } from "./requests.js";

// Named scenarios: each function sets up a world its name describes, through the API as a client would, and only
// where no client can (time passing, a person who has signed in before) with a named database step
// (database-steps.ts). A test file starts from a scenario and asserts through the API, so it needs no database handle.

export { letTheAnswerTimeRunOut, letTheOccasionTakePlaceYesterday };

const NETWORKS = graphql(`query ScenarioNetworks { me { tenant { networks(first: 20) { nodes { id slug } } } } }`);

/** A network's id, as the staff member with `token` sees their tenant's networks. */
export async function networkId(api: TestApi, token: string, slug: string): Promise<string> {
  const data = await query(api, token, NETWORKS);
  const network = data.me?.tenant?.networks.nodes.find((node) => node.slug === slug);
  if (!network) throw new Error(`no network ${slug} for this token`);
  return network.id;
}

export interface Person {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null | undefined;
  phone: string | null | undefined;
  token: string;
}

/** Kalmar's demo members (kalmar-member-1, -2, …; all active in Intressebanken), as their own tokens see themselves. */
export async function kalmarMembers(api: TestApi, numbers: readonly number[]): Promise<Person[]> {
  const people: Person[] = [];
  for (const number of numbers) {
    const token = await api.signToken({ subject: `kalmar-member-${number}`, audience: "medverkan:kalmar" });
    const member = present((await query(api, token, ME_MEMBER)).me?.member, `kalmar-member-${number}`);
    people.push({ ...member, token });
  }
  return people;
}

export interface KalmarRequest {
  requestId: string;
  /** Kalmar's coordinator (Intressebanken). */
  coordinator: string;
  /** kalmar-requester-7: Äldreomsorg Nybro, whose unit made the request. */
  requester: string;
  /** The tenant's current contact-sharing text version, which an acceptance needs. */
  consentVersion: string;
}

/** Äldreomsorg Nybro's request to Intressebanken, which the coordinator has started matching (nobody asked yet). */
export async function aKalmarRequestInMatching(
  api: TestApi,
  request: { title?: string; numberOfPersons?: number } = {},
): Promise<KalmarRequest> {
  const [coordinator, requester] = await Promise.all([
    api.tokenFor({ tenant: "kalmar", role: "coordinator" }),
    api.signToken({ subject: "kalmar-requester-7", audience: "medverkan:kalmar" }),
  ]);
  const requestId = await submitRequest(api, requester, {
    networkSlug: "intressebanken",
    title: request.title ?? "Brukarröster i Nybros hemtjänst",
    numberOfPersons: request.numberOfPersons ?? 2,
  });
  await startMatching(api, coordinator, requestId);
  return { requestId, coordinator, requester, consentVersion: await contactSharingVersion(api, "kalmar") };
}

export interface Invitee extends Person {
  invitationId: string;
}

/** The same request with Kalmar's members 1 and 2 invited by the coordinator; neither has answered. */
export async function aKalmarRequestWithTwoInvitedMembers(
  api: TestApi,
  request: { title?: string; numberOfPersons?: number; message?: string } = {},
): Promise<KalmarRequest & { member1: Invitee; member2: Invitee }> {
  const world = await aKalmarRequestInMatching(api, request);
  const [member1, member2] = (await kalmarMembers(api, [1, 2])) as [Person, Person];
  const sent = await mutate(api, world.coordinator, INVITE, {
    requestId: world.requestId,
    memberIds: [member1.id, member2.id],
    message: request.message ?? "Hej! Passar det här dig?",
  });
  if (sent.errors.length) throw new Error(`inviting failed: ${JSON.stringify(sent.errors)}`);
  const invitationOf = (person: Person) => {
    const invitation = sent.invitations.find((node) => node.invitee.memberId === person.id);
    if (!invitation) throw new Error(`${person.givenName} was not invited`);
    return { ...person, invitationId: invitation.id };
  };
  return { ...world, member1: invitationOf(member1), member2: invitationOf(member2) };
}

/** The same, and member 1 has accepted with the contact-sharing consent: a participant with an assignment. */
export async function aKalmarRequestWithAnAcceptedParticipant(
  api: TestApi,
  request: { title?: string; numberOfPersons?: number; message?: string } = {},
): Promise<KalmarRequest & { member1: Invitee & { assignmentId: string }; member2: Invitee }> {
  const world = await aKalmarRequestWithTwoInvitedMembers(api, request);
  const accepted = await accept(api, world.member1.token, world.member1.invitationId, world.consentVersion);
  const assignmentId = accepted.invitation?.assignmentId;
  if (!assignmentId) throw new Error(`accepting failed: ${JSON.stringify(accepted.errors)}`);
  return { ...world, member1: { ...world.member1, assignmentId } };
}

export interface PoolInvitation {
  requestId: string;
  invitationId: string;
  memberId: string;
  /** The invited member's own token. */
  memberToken: string;
  /** The coordinator of the network (Jönköping's Levande bibliotek). */
  coordinator: string;
  consentVersion: string;
}

/** A Jönköping request to Levande bibliotek with one free member of the pool invited, who has not answered. */
export async function aJonkopingInvitation(api: TestApi, title = "Patientberättelse på arbetsplatsträff"): Promise<PoolInvitation> {
  const [coordinator, requester] = await Promise.all([
    api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" }),
    api.tokenFor({ tenant: "jonkoping", role: "requester" }),
  ]);
  const [memberId] = await activePool(api, coordinator, await networkId(api, coordinator, "levande-bibliotek"), 1);
  if (!memberId) throw new Error("no free member in Levande bibliotek");
  const requestId = await submitRequest(api, requester, { networkSlug: "levande-bibliotek", numberOfPersons: 1, title });
  await startMatching(api, coordinator, requestId);
  const sent = await mutate(api, coordinator, INVITE, { requestId, memberIds: [memberId] });
  const invitationId = sent.invitations[0]?.id;
  if (!invitationId) throw new Error(`inviting failed: ${JSON.stringify(sent.errors)}`);
  const memberToken = (await membersHaveSignedIn(api, "jonkoping", [memberId])).get(memberId) as string;
  return { requestId, invitationId, memberId, memberToken, coordinator, consentVersion: await contactSharingVersion(api, "jonkoping") };
}

/** The same, and the member let the answer time run out (a database step: time passes). Nobody has read it since. */
export async function aLapsedInvitation(api: TestApi, title = "Fokusgrupp om utskrivning"): Promise<PoolInvitation> {
  const world = await aJonkopingInvitation(api, title);
  await letTheAnswerTimeRunOut(api, world.invitationId);
  return world;
}

const INTAKE_QUEUE_MEMBERS = graphql(`query ScenarioIntakeQueueMembers($after: String) {
  intakeQueue(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { member { id email } } } }`);

/**
 * The person who registered with `email` has since signed in through the region's identity provider (a database
 * step: a registration from the public form has no login). Found as the network's coordinator (`coordinatorToken`)
 * finds a registration, in the intake queue; returns their member id and their own token.
 */
export async function theRegistrantHasSignedIn(
  api: TestApi,
  tenant: string,
  coordinatorToken: string,
  email: string,
): Promise<{ memberId: string; token: string }> {
  const page = async (after: string | null) =>
    present((await query(api, coordinatorToken, INTAKE_QUEUE_MEMBERS, { after })).intakeQueue, "the intake queue");
  let memberId: string | undefined;
  for (let queue = await page(null); ; queue = await page(queue.pageInfo.endCursor ?? null)) {
    memberId = queue.nodes.find((node) => node.member.email === email)?.member.id;
    if (memberId || !queue.pageInfo.hasNextPage) break;
  }
  if (!memberId) throw new Error(`${email} is not in this coordinator's intake queue`);
  const token = present((await membersHaveSignedIn(api, tenant, [memberId])).get(memberId), `${email}'s token`);
  return { memberId, token };
}

const POOL_PAGE = graphql(`query ScenarioPoolPage($filter: MemberSearchInput, $after: String) {
  members(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`);

async function poolIds(api: TestApi, token: string, filter: MemberSearchInput): Promise<string[]> {
  const ids: string[] = [];
  for (let after: string | null = null; ; ) {
    const page: NonNullable<ScenarioPoolPageQuery["members"]> = present(
      (await query(api, token, POOL_PAGE, { filter, after })).members,
      "the pool search",
    );
    ids.push(...page.nodes.map((node) => node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor ?? null;
  }
}

const EVERY_MEMBERSHIP_STATUS: MembershipStatus[] = [
  "ACTIVE",
  "CONTACTED",
  "ERASED",
  "INTRODUCTION_BOOKED",
  "PAUSED",
  "PENDING_GUARDIAN_CONSENT",
  "REGISTERED",
  "TRAINED",
  "WITHDRAWN",
];

/**
 * `count` members of Jönköping's Levande bibliotek (active there, nothing in the way of an invitation, with an e-mail
 * address) who are not in Peer's pool at all, in any status — so a direct booking through Peer must not find them —
 * and who have signed in before (a database step), as their own tokens see themselves. Lowest ids first.
 */
export async function jonkopingMembersOfLevandeBibliotekOnly(api: TestApi, count: number): Promise<Person[]> {
  const [lb, peer] = await Promise.all([
    api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" }),
    api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" }),
  ]);
  const active = await poolIds(api, lb, { networkId: await networkId(api, lb, "levande-bibliotek"), statuses: ["ACTIVE"] });
  const inPeer = new Set(await poolIds(api, peer, { networkId: await networkId(api, peer, "peer"), statuses: EVERY_MEMBERSHIP_STATUS }));
  const candidates = (
    await withNothingInTheWay(
      api,
      active.filter((id) => !inPeer.has(id)),
    )
  ).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const people: Person[] = [];
  for (const id of candidates) {
    const token = present((await membersHaveSignedIn(api, "jonkoping", [id])).get(id), `member ${id}'s token`);
    const member = present((await query(api, token, ME_MEMBER)).me?.member, `member ${id}`);
    if (member.email) people.push({ ...member, token });
    if (people.length === count) return people;
  }
  throw new Error(`only ${people.length} members of Levande bibliotek only, with an e-mail address`);
}
