// What the benchmark asks the API, and as whom. Each scenario has one or more GraphQL documents, richest first: the
// runner sends each once before the load and uses the first the API accepts, so a feature that has not landed yet
// (or has a different shape) is skipped with its error instead of being measured wrongly.

export interface BenchUsers {
  readonly tenantSlug: string;
  readonly networkId: string;
  readonly coordinator: string;
  readonly analyst: string | null;
  readonly member: string | null;
  /** An open request of the coordinator's network, for ranked candidates. */
  readonly openRequestId: string | null;
  readonly consentVersion: string;
  /** The current contact-sharing consent text, which accepting an invitation agrees to. */
  readonly contactConsentVersion: string;
  /** Pending invitations of members who can sign in, oldest answer time first: one per `respondToInvitation`. */
  readonly pendingInvitations: readonly { readonly id: string; readonly memberSubject: string }[];
  readonly year: number;
}

export type Target = "api" | "apollo" | "postgraphile" | "postgraphile5";
export type Actor = "coordinator" | "analyst" | "member" | "anonymous";

export interface Scenario {
  readonly key: string;
  readonly title: string;
  readonly target: Target;
  readonly actor: Actor;
  readonly connections: number;
  /** Target from issue 10, for the report. */
  readonly p95TargetMs?: number;
  readonly documents: ReadonlyArray<{ readonly label: string; readonly query: string }>;
  readonly variables: (users: BenchUsers, sequence: number) => Record<string, unknown>;
  /** Why the scenario cannot run on this data set, if it cannot. */
  readonly unavailable?: (users: BenchUsers) => string | null;
  /**
   * When the requests are not all sent by one person: the subjects who take turns (request `sequence` is sent by
   * the one at `sequence` modulo their number, as the actor).
   */
  readonly sentBy?: (users: BenchUsers) => readonly string[];
}

const ME = /* GraphQL */ `query Me { me { kind name } }`;

export const SCENARIOS: readonly Scenario[] = [
  {
    key: "candidates",
    title: "Ranked candidates for a request (top 20 of the network's pool)",
    target: "api",
    actor: "coordinator",
    connections: 10,
    p95TargetMs: 100,
    documents: [
      {
        label: "requestCandidates",
        query: /* GraphQL */ `
          query Candidates($requestId: ID!) {
            requestCandidates(requestId: $requestId, first: 20) {
              eligibleCount
              nodes { rank score ageBand reasons { code points } member { id givenName familyName } }
              excluded { code count }
            }
          }`,
      },
    ],
    variables: (users) => ({ requestId: users.openRequestId }),
    unavailable: (users) => (users.openRequestId ? null : "no open request in the coordinator's network"),
  },
  {
    key: "requests-page",
    title: "Coordinator's page of 50 requests with occasions, invitations and member names",
    target: "api",
    actor: "coordinator",
    connections: 20,
    p95TargetMs: 50,
    documents: [
      // The API's query cost limit (graphql-armor, 5 000) counts an explicit `first` as a multiplier, so the page asks
      // for each request's invitations with the connection's default page size.
      {
        label: "requests(first: 50) { occasions, invitations { invitee } }",
        query: /* GraphQL */ `
          query RequestsPage {
            requests(first: 50) {
              totalCount
              pageInfo { hasNextPage endCursor }
              nodes {
                id title status submittedAt numberOfPersons unitName
                occasions { id startsAt endsAt }
                invitations { totalCount nodes { id status invitee { id givenName familyName } } }
              }
            }
          }`,
      },
    ],
    variables: () => ({}),
  },
  {
    // The same page asked of PostGraphile 4 on the same database (postgraphile-server.ts), as the same coordinator
    // under the same row-level security: newest 50 of the coordinator's network (the generated coordinators each
    // coordinate exactly one network, the one the runner picked them for), every occasion by start, the first 20
    // invitations by id (the API's default page) with the invitee's name.
    key: "postgraphile-requests-page",
    title: "PostGraphile 4 peer: the same page of 50 requests on the same database and RLS",
    target: "postgraphile",
    actor: "coordinator",
    connections: 20,
    documents: [
      {
        label: "allRequests(first: 50) { occasions, invitations(first: 20) { member } }",
        query: /* GraphQL */ `
          query RequestsPage($networkId: UUID!) {
            allRequests(first: 50, orderBy: ID_DESC, condition: { networkId: $networkId }) {
              totalCount
              pageInfo { hasNextPage endCursor }
              nodes {
                id title status submittedAt numberOfPersons
                unitByTenantIdAndUnitId { name }
                occasionsByTenantIdAndRequestId(orderBy: [STARTS_AT_ASC, ID_ASC]) { nodes { id startsAt endsAt } }
                invitationsByTenantIdAndRequestId(first: 20, orderBy: ID_ASC) {
                  totalCount
                  nodes { id status memberByTenantIdAndMemberId { id givenName familyName } }
                }
              }
            }
          }`,
      },
    ],
    variables: (users) => ({ networkId: users.networkId }),
  },
  {
    // The same page of PostGraphile 5 (Grafast; peers/postgraphile5), the strongest peer (issue 19): same database,
    // role, row-level security and page as PostGraphile 4's. Version 5 names a table's own id column `rowId` (`id` is
    // its global object id) and orders by indexed columns only, so the document differs in those names alone.
    key: "postgraphile5-requests-page",
    title: "PostGraphile 5 peer: the same page of 50 requests on the same database and RLS",
    target: "postgraphile5",
    actor: "coordinator",
    connections: 20,
    documents: [
      {
        label: "allRequests(first: 50) { occasions, invitations(first: 20) { member } }",
        query: /* GraphQL */ `
          query RequestsPage5($networkId: UUID!) {
            allRequests(first: 50, orderBy: ROW_ID_DESC, condition: { networkId: $networkId }) {
              totalCount
              pageInfo { hasNextPage endCursor }
              nodes {
                rowId title status submittedAt numberOfPersons
                unitByTenantIdAndUnitId { name }
                occasionsByTenantIdAndRequestId(orderBy: [STARTS_AT_ASC, ROW_ID_ASC]) { nodes { rowId startsAt endsAt } }
                invitationsByTenantIdAndRequestId(first: 20, orderBy: ROW_ID_ASC) {
                  totalCount
                  nodes { rowId status memberByTenantIdAndMemberId { rowId givenName familyName } }
                }
              }
            }
          }`,
      },
    ],
    variables: (users) => ({ networkId: users.networkId }),
  },
  {
    key: "pool-page",
    title: "Coordinator's pool search, page of 50 members with memberships",
    target: "api",
    actor: "coordinator",
    connections: 20,
    documents: [
      {
        label: "members(filter, first: 50)",
        query: /* GraphQL */ `
          query PoolPage($networkId: ID!) {
            members(filter: { networkId: $networkId, statuses: [ACTIVE] }, first: 50) {
              totalCount
              nodes { id givenName familyName ageBand municipality memberships { status lastInvitedAt network { id name } } }
            }
          }`,
      },
    ],
    variables: (users) => ({ networkId: users.networkId }),
  },
  {
    key: "member-page",
    title: "A member's own page (profile, memberships, invitations and assignments)",
    target: "api",
    actor: "member",
    connections: 10,
    documents: [
      {
        label: "me + myMemberships + myInvitations + myAssignments",
        query: /* GraphQL */ `
          query MyPage {
            me { kind member { id givenName familyName email phone languages perspectives experiences { key label } pauses { startsOn endsOn } } }
            myMemberships { status network { name } }
            myInvitations(first: 20) { nodes { id status } }
            myAssignments(first: 20) { nodes { id status } }
          }`,
      },
      {
        label: "me + myMemberships + myInvitations",
        query: /* GraphQL */ `
          query MyPage {
            me { kind member { id givenName familyName email phone languages perspectives experiences { key label } pauses { startsOn endsOn } } }
            myMemberships { status network { name } }
            myInvitations(first: 20) { nodes { id status } }
          }`,
      },
      {
        label: "me + myMemberships",
        query: /* GraphQL */ `
          query MyPage {
            me { kind member { id givenName familyName email phone languages perspectives experiences { key label } pauses { startsOn endsOn } } }
            myMemberships { status network { name } }
          }`,
      },
    ],
    variables: () => ({}),
    unavailable: (users) => (users.member ? null : "no member with an account"),
  },
  {
    key: "registration",
    title: "Registration of interest (registerMember, a new person each time)",
    target: "api",
    actor: "anonymous",
    connections: 10,
    documents: [
      {
        label: "registerMember",
        query: /* GraphQL */ `
          mutation Register($input: RegisterMemberInput!) {
            registerMember(input: $input) { registration { outcome } errors { __typename ... on ErrorResult { code message } } }
          }`,
      },
    ],
    variables: (users, sequence) => ({
      input: {
        tenantSlug: users.tenantSlug,
        networkIds: [users.networkId],
        givenName: "Bänk",
        familyName: `Testsson ${process.pid}-${sequence}`,
        email: `bench.${process.pid}.${sequence}@example.se`,
        birthDate: "1970-05-17",
        perspectives: ["PATIENT"],
        languages: ["sv"],
        consent: { textVersion: users.consentVersion, accepted: true },
      },
    }),
  },
  {
    // A write on the hot path: a member accepts an invitation (consent to share contact details, the place or the
    // waiting list under the request's lock, contact release, audit, notifications). Each request is another member's
    // pending invitation, so every answer is a real first answer; the invitations it used are answered afterwards
    // (generate the data set again for a run on the same invitations).
    key: "respond-to-invitation",
    title: "A member accepts an invitation (respondToInvitation, another pending invitation each time)",
    target: "api",
    actor: "member",
    connections: 10,
    documents: [
      {
        label: "respondToInvitation(accept: true)",
        query: /* GraphQL */ `
          mutation Respond($input: RespondToInvitationInput!) {
            respondToInvitation(input: $input) {
              invitation { id status waitlistPosition }
              errors { __typename ... on ErrorResult { code message } }
            }
          }`,
      },
    ],
    variables: (users, sequence) => ({
      input: {
        invitationId: users.pendingInvitations[sequence % users.pendingInvitations.length]?.id,
        accept: true,
        consentTextVersion: users.contactConsentVersion,
      },
    }),
    sentBy: (users) => users.pendingInvitations.map((invitation) => invitation.memberSubject),
    unavailable: (users) => (users.pendingInvitations.length > 0 ? null : "no pending invitation of a member who can sign in"),
  },
  {
    key: "annual-statistics",
    title: "A tenant's annual statistics",
    target: "api",
    actor: "analyst",
    connections: 5,
    p95TargetMs: 250,
    documents: [
      {
        label: "annualReport(year)",
        query: /* GraphQL */ `
          query Annual($year: Int!) {
            annualReport(year: $year) { year figures { key value { value suppressed } previous { value } changePercent } }
          }`,
      },
      {
        label: "statistics(year, by month)",
        query: /* GraphQL */ `
          query Annual($year: Int!) {
            statistics(input: { period: { year: $year }, groupBy: [MONTH] }) {
              rows { groups { key } measures { requestsReceived { value } assignmentsCarriedOut { value } hours { value } feesGrossOre { value } } }
              total { requestsReceived { value } fillRate { value } uniquePersons { value } feedbackMeanRating { value } }
            }
          }`,
      },
    ],
    variables: (users) => ({ year: users.year }),
    unavailable: (users) => (users.analyst ? null : "no analyst in the tenant"),
  },
  {
    key: "me",
    title: "Trivial authenticated query (me)",
    target: "api",
    actor: "coordinator",
    connections: 10,
    documents: [{ label: "me", query: ME }],
    variables: () => ({}),
  },
  {
    key: "apollo-hello",
    title: "Bare Apollo Server { hello } (baseline)",
    target: "apollo",
    actor: "anonymous",
    connections: 10,
    documents: [{ label: "hello", query: "query Hello { hello }" }],
    variables: () => ({}),
  },
];
