// GraphQL documents shared by the end-to-end specs.

export const PUBLIC_TENANT = /* GraphQL */ `
  query PublicTenant($slug: String!) {
    tenant(slug: $slug) {
      id
      slug
      name
      locale
      timeZone
      currency
      networks(first: 20) {
        totalCount
        nodes { id slug name careDomain contactEmail }
      }
      currentConsentText(kind: PROCESSING) { version text textSv textEn }
    }
  }
`;

export const ME = /* GraphQL */ `
  query Me {
    me {
      kind
      subject
      name
      tenant { slug }
      roles { role network { slug } }
    }
  }
`;

export const REGISTER_MEMBER = /* GraphQL */ `
  mutation Register($input: RegisterMemberInput!) {
    registerMember(input: $input) {
      registration { outcome receivedAt message }
      errors {
        __typename
        ... on ErrorResult { code message messageSv messageEn }
        ... on IntakeRuleNotMet { rule missing }
        ... on ConsentRequired { kind currentVersion }
      }
    }
  }
`;

export const SEARCH_MEMBERS = /* GraphQL */ `
  query SearchMembers($filter: MemberSearchInput, $first: Int, $after: String) {
    members(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id givenName familyName ageBand
        memberships { status trainedAt lastInvitedAt lastAssignmentAt network { id slug } }
      }
    }
  }
`;

export const MEMBERS = /* GraphQL */ `
  query Members($networkId: ID, $first: Int, $after: String) {
    members(networkId: $networkId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id givenName familyName email phone birthDate memberships { status network { id slug } } }
    }
  }
`;
