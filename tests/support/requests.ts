import type { GraphQLResponse, TestApi } from "@medverkan/api/testing";
import { graphql } from "../generated/gql.js";
import type { SubmitRequestInput } from "../generated/graphql.js";

// GraphQL documents and helpers for requests (uppdragsförfrågningar), shared by every spec that needs a request:
// invitations, matching, fees and statistics create theirs with `submitRequest`.

export const PAYLOAD_ERRORS = "errors { __typename ... on ErrorResult { code message messageSv messageEn } }";

export const OCCASION_FIELDS = "id requestId startsAt endsAt place digitalLink cancelledAt cancellationReason heldAt";

export const REQUEST_FIELDS = `id networkId unitId unitName title purpose expectations experienceText competencesSought perspectivesSought
  numberOfPersons assignmentLength audienceDescription audienceSize selectionProcess specialRequirements preparation
  compensationOffered costCentreCode directRecruitment status statusReason submittedAt filledAt carriedOutAt followedUpAt
  closedAt version assignmentTypeKey experienceTagKeys contactPerson { name email phone }
  occasions { ${OCCASION_FIELDS} }`;

export const SUBMIT_REQUEST = /* GraphQL */ `
  mutation SubmitRequest($input: SubmitRequestInput!) {
    submitRequest(input: $input) { request { ${REQUEST_FIELDS} } ${PAYLOAD_ERRORS} }
  }
`;

export const UPDATE_REQUEST = /* GraphQL */ `
  mutation UpdateRequest($input: UpdateRequestInput!) {
    updateRequest(input: $input) { request { ${REQUEST_FIELDS} } ${PAYLOAD_ERRORS} }
  }
`;

export const REQUEST = /* GraphQL */ `
  query Request($id: ID!) {
    request(id: $id) { ${REQUEST_FIELDS} events { fromStatus toStatus reason at } }
  }
`;

export const REQUESTS = /* GraphQL */ `
  query Requests($filter: RequestFilter, $first: Int, $after: String) {
    requests(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id networkId unitId status title submittedAt numberOfPersons }
    }
  }
`;

const transition = (name: string, inputType: string) => /* GraphQL */ `
  mutation ${name[0]?.toUpperCase()}${name.slice(1)}($input: ${inputType}!) {
    ${name}(input: $input) { request { id status statusReason version closedAt followedUpAt } ${PAYLOAD_ERRORS} }
  }
`;

export const START_MATCHING = transition("startMatching", "StartMatchingInput");
export const DECLINE_REQUEST = transition("declineRequest", "DeclineRequestInput");
export const CANCEL_REQUEST = transition("cancelRequest", "CancelRequestInput");
export const MARK_REQUEST_CARRIED_OUT = transition("markRequestCarriedOut", "MarkRequestCarriedOutInput");
export const RECORD_FOLLOW_UP = transition("recordFollowUp", "RecordFollowUpInput");

export interface RequestSummary {
  id: string;
  status: string;
  version: number;
  [key: string]: unknown;
}

/**
 * An occasion `days` calendar days from today in Sweden (every seeded region's time zone), starting 08:00 UTC (09:00
 * or 10:00 in Sweden), `hours` long, on site. Counted from the Swedish date, not the UTC one: between midnight in
 * Sweden and midnight UTC the two differ, and "tomorrow" must be the tenant's tomorrow (reminders go out the tenant's
 * day before).
 */
export function occasionInDays(days: number, hours = 2): { startsAt: string; endsAt: string; place: string } {
  const swedishToday = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
  const start = new Date(`${swedishToday}T08:00:00Z`);
  start.setUTCDate(start.getUTCDate() + days);
  const end = new Date(start.getTime() + hours * 3_600_000);
  return { startsAt: start.toISOString(), endsAt: end.toISOString(), place: "Konferensrum Tallen" };
}

const NETWORKS_TO_REQUEST_FROM = graphql(`query RequestInputNetworks {
  me { tenant { networks(first: 20) { nodes { id slug requestForm { assignmentTypes { key } } } } } } }`);
const DEFAULT_COST_CENTRE = graphql(`query DefaultCostCentre($unitId: ID) { myRequestOptions(unitId: $unitId) { defaultCostCentre } }`);
const REQUEST_COUNT = graphql(`query RequestCountOfTenant { requests(first: 1) { totalCount } }`);

async function networksOf(api: TestApi, token: string) {
  const response = await api.graphql(NETWORKS_TO_REQUEST_FROM, { token });
  const networks = response.data?.me?.tenant?.networks.nodes;
  if (!networks?.length) throw new Error(`no networks for this token: ${JSON.stringify(response.errors)}`);
  return networks;
}

/** The unit's own cost centre from `myRequestOptions`, or null (not a requester, or no single own cost centre). */
export async function defaultCostCentre(api: TestApi, token: string, unitId?: string | number): Promise<string | null> {
  const response = await api.graphql(DEFAULT_COST_CENTRE, { token, variables: { unitId: unitId ?? null } });
  return response.data?.myRequestOptions?.defaultCostCentre ?? null;
}

/** The network a request goes to (by id, by slug, or the token's first), and the first assignment type its form offers. */
async function networkOffered(api: TestApi, token: string, networkId: string | number | null | undefined, networkSlug?: string) {
  const networks = await networksOf(api, token);
  const network = networks.find((n) => (networkId ? n.id === networkId : networkSlug ? n.slug === networkSlug : true));
  if (!network) throw new Error(`no network ${networkSlug ?? networkId}`);
  return { id: network.id, assignmentType: network.requestForm?.assignmentTypes[0]?.key };
}

/**
 * How many requests the tenants of these administrators hold together (a tenant administrator sees every request of
 * the tenant): unchanged after a refused submission.
 */
export async function requestCount(api: TestApi, adminTokens: readonly string[]): Promise<number> {
  let count = 0;
  for (const token of adminTokens) {
    const response = await api.graphql(REQUEST_COUNT, { token });
    const requests = response.data?.requests;
    if (!requests) throw new Error(`the requests are not readable with this token: ${JSON.stringify(response.errors)}`);
    count += requests.totalCount;
  }
  return count;
}

/**
 * A complete submission that every seeded region's form accepts. `networkSlug` picks the network (default: the
 * tenant's first); any other key overrides the input field of the same name. The known fields are typed by the
 * schema's SubmitRequestInput, so a typed document takes the result as it is.
 */
export async function requestInput(
  api: TestApi,
  token: string,
  overrides: Partial<SubmitRequestInput> & Record<string, unknown> & { networkSlug?: string } = {},
): Promise<SubmitRequestInput & Record<string, unknown>> {
  const { networkSlug, ...rest } = overrides;
  const offered = rest.networkId && rest.assignmentType ? null : await networkOffered(api, token, rest.networkId, networkSlug);
  // Like a front end: the cost centre prefilled with the unit's own (a form that requires it gets it sent).
  const costCentre = "costCentre" in rest ? undefined : await defaultCostCentre(api, token, rest.unitId ?? undefined);
  const complete: SubmitRequestInput = {
    networkId: rest.networkId ?? offered?.id ?? "",
    assignmentType: rest.assignmentType ?? offered?.assignmentType,
    ...(costCentre ? { costCentre } : {}),
    title: "Patientberättelse på arbetsplatsträff",
    purpose: "Vi vill förstå hur patienter upplever övergången från slutenvård till hemmet.",
    expectations: "Berätta om din egen erfarenhet och svara på frågor.",
    experienceSought: { tagKeys: [], text: "Erfarenhet av utskrivning från sjukhus" },
    perspectivesSought: ["PATIENT"],
    numberOfPersons: 1,
    oneOffOrLong: "ONE_OFF",
    occasions: [occasionInDays(21)],
    audience: "Sjuksköterskor och undersköterskor på avdelningen",
    audienceSize: 15,
    selectionProcess: "Ingen särskild urvalsprocess.",
    specialRequirements: "Lokalen är tillgänglig med rullstol.",
    preparation: "Ett kort samtal med oss en vecka innan.",
    compensationOffered: "Arvode enligt regionens riktlinjer samt resersättning.",
    contactPerson: { name: "Kontakt Person", email: "kontakt.person@example.se", phone: "070-123 45 67" },
  };
  return { ...complete, ...rest };
}

export async function submitRequestResponse(
  api: TestApi,
  token: string,
  overrides: Record<string, unknown> & { networkSlug?: string } = {},
): Promise<GraphQLResponse<{ submitRequest: { request: RequestSummary | null; errors: Array<{ code: string }> } }>> {
  const input = await requestInput(api, token, overrides);
  return api.graphql(SUBMIT_REQUEST, { token, variables: { input } });
}

/** Submits a request as the requester `token` and returns its id; throws with the errors if it was refused. */
export async function submitRequest(
  api: TestApi,
  token: string,
  overrides: Record<string, unknown> & { networkSlug?: string } = {},
): Promise<string> {
  const response = await submitRequestResponse(api, token, overrides);
  const request = response.data?.submitRequest.request;
  if (!request) {
    throw new Error(`submitRequest failed: ${JSON.stringify(response.errors ?? response.data?.submitRequest.errors)}`);
  }
  return request.id;
}

/** Runs a request-lifecycle mutation (e.g. START_MATCHING) and returns the payload. */
export async function transitionRequest(
  api: TestApi,
  token: string,
  document: string,
  input: Record<string, unknown>,
): Promise<{ request: RequestSummary | null; errors: Array<{ __typename: string; code: string; messageSv: string; messageEn: string }> }> {
  const response = await api.graphql<Record<string, never>>(document, { token, variables: { input } });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  const payload = Object.values(response.data ?? {})[0] as unknown;
  return payload as never;
}

/** Moves a fresh request into MATCHING as the network's coordinator (the state invitations need). */
export async function startMatching(api: TestApi, coordinatorToken: string, requestId: string): Promise<RequestSummary> {
  const { request, errors } = await transitionRequest(api, coordinatorToken, START_MATCHING, { requestId });
  if (!request) throw new Error(`startMatching failed: ${JSON.stringify(errors)}`);
  return request;
}

export const OPEN_FOLLOW_UPS = /* GraphQL */ `
  query OpenFollowUps($networkId: ID, $first: Int, $after: String) {
    openFollowUps(networkId: $networkId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id status carriedOutAt networkId }
    }
  }
`;

const OCCASION_PAYLOAD = `occasion { ${OCCASION_FIELDS} } ${PAYLOAD_ERRORS}`;
export const ADD_OCCASION = `mutation AddOccasion($input: AddOccasionInput!) { addOccasion(input: $input) { ${OCCASION_PAYLOAD} } }`;
export const CANCEL_OCCASION = `mutation CancelOccasion($input: CancelOccasionInput!) { cancelOccasion(input: $input) { ${OCCASION_PAYLOAD} } }`;
export const MARK_OCCASION_HELD = `mutation MarkOccasionHeld($input: MarkOccasionHeldInput!) { markOccasionHeld(input: $input) { ${OCCASION_PAYLOAD} } }`;

export const FEEDBACK_FIELDS = "id author rating comment createdAt givenByYou";
export const GIVE_FEEDBACK = `mutation GiveFeedback($input: GiveFeedbackInput!) { giveFeedback(input: $input) { feedback { ${FEEDBACK_FIELDS} } ${PAYLOAD_ERRORS} } }`;
export const REQUEST_FEEDBACK = `query RequestFeedback($id: ID!) { request(id: $id) { id status followUpNote feedback { ${FEEDBACK_FIELDS} } } }`;

export const RECORD_DIRECT_BOOKING = /* GraphQL */ `
  mutation RecordDirectBooking($input: RecordDirectBookingInput!) {
    recordDirectBooking(input: $input) {
      request { ${REQUEST_FIELDS} }
      errors { __typename ... on ErrorResult { code message messageSv messageEn } ... on ParticipantNotIdentified { index } }
    }
  }
`;

export const DIRECT_BOOKING_PARTICIPANT_FIELDS =
  "id requestId requestTitle position familyName email phone memberId status createdAt decidedAt version";
export const DIRECT_BOOKINGS_TO_CONFIRM = `query { directBookingParticipantsToConfirm { ${DIRECT_BOOKING_PARTICIPANT_FIELDS} } }`;
const DECISION = `participant { ${DIRECT_BOOKING_PARTICIPANT_FIELDS} } errors { __typename ... on ErrorResult { code message messageSv messageEn } }`;
export const CONFIRM_DIRECT_BOOKING_PARTICIPANT = `mutation($input: DecideDirectBookingParticipantInput!) { confirmDirectBookingParticipant(input: $input) { ${DECISION} } }`;
export const REJECT_DIRECT_BOOKING_PARTICIPANT = `mutation($input: DecideDirectBookingParticipantInput!) { rejectDirectBookingParticipant(input: $input) { ${DECISION} } }`;

/**
 * Scenario: the network's coordinator checked with the people a unit named in a direct booking and confirms each one
 * (a direct booking counts only once confirmed). Returns the confirmed participants' assignment ids.
 */
export async function confirmDirectBooking(api: TestApi, requestId: string): Promise<void> {
  const prisma = api.running.database.prisma;
  const request = await prisma.request.findFirstOrThrow({ where: { id: requestId }, select: { tenantId: true, networkId: true } });
  const grant = await prisma.roleGrant.findFirstOrThrow({
    where: {
      tenantId: request.tenantId,
      role: "COORDINATOR",
      revokedAt: null,
      OR: [{ networkId: request.networkId }, { networkId: null }],
      staffUser: { disabledAt: null },
    },
    include: { staffUser: { select: { subject: true } }, tenant: { select: { tokenAudience: true } } },
  });
  const token = await api.signToken({ subject: grant.staffUser.subject, audience: grant.tenant.tokenAudience });
  const pending = await prisma.directBookingParticipant.findMany({ where: { requestId, status: "PENDING" }, select: { id: true } });
  for (const participant of pending) {
    const response = await api.graphql<{ confirmDirectBookingParticipant: { errors: unknown[] } }>(CONFIRM_DIRECT_BOOKING_PARTICIPANT, {
      token,
      variables: { input: { id: participant.id } },
    });
    if (response.errors || response.data?.confirmDirectBookingParticipant.errors.length) {
      throw new Error(`confirmDirectBookingParticipant failed: ${JSON.stringify(response.errors ?? response.data)}`);
    }
  }
}
