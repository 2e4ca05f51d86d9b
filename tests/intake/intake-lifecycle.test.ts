import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// Scenario 2 (SPEC §4): a coordinator takes a registration to active under each region's intake rules; refused
// steps name the rule; notes and history are kept; guardians consent for minors; postal registrations find
// duplicates; coordinators see only their own networks.

let api: TestApi;
const tenants: Record<string, PublicTenant> = {};
const tokens: Record<string, string> = {};

type StepError = { __typename: string; code: string; message: string; rule?: string; missing?: string };
type MembershipView = { id: string; status: string; version: number; contactCallAt: string | null; network: { slug: string } };

const MEMBERSHIP_FIELDS = "id status version contactCallAt introductionHeldAt activatedAt network { slug }";

const ON_BEHALF = /* GraphQL */ `
  mutation OnBehalf($input: RegisterMemberOnBehalfInput!) {
    registerMemberOnBehalf(input: $input) {
      member { id givenName memberships { ${MEMBERSHIP_FIELDS} } }
      alreadyRegistered outcome probableDuplicates
      errors { __typename ... on ErrorResult { code message } ... on IntakeRuleNotMet { rule missing } }
    }
  }
`;

const TRANSITION = /* GraphQL */ `
  mutation Transition($input: TransitionMembershipInput!) {
    transitionMembership(input: $input) {
      membership { ${MEMBERSHIP_FIELDS} events { fromStatus toStatus note actorType } }
      errors { __typename ... on ErrorResult { code message } ... on IntakeRuleNotMet { rule missing } }
    }
  }
`;

const INTRODUCTION_HELD = /* GraphQL */ `
  mutation Held($input: RecordIntroductionHeldInput!) {
    recordIntroductionHeld(input: $input) {
      membership { ${MEMBERSHIP_FIELDS} }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`;

const MEMBERSHIP = /* GraphQL */ `
  query Membership($id: ID!) { membership(id: $id) { ${MEMBERSHIP_FIELDS} events { fromStatus toStatus note actorType } } }
`;

const GUARDIANS = /* GraphQL */ `
  query Guardians($id: ID!) { member(id: $id) { id guardians { id name consents { id textVersion withdrawnAt } } memberships { ${MEMBERSHIP_FIELDS} } } }
`;

const RECORD_CONSENT = /* GraphQL */ `
  mutation Consent($input: RecordGuardianConsentInput!) {
    recordGuardianConsent(input: $input) {
      consent { id textVersion recordedById }
      released { ${MEMBERSHIP_FIELDS} }
      errors { __typename ... on ErrorResult { code } ... on ConsentRequired { kind currentVersion } }
    }
  }
`;

const WITHDRAW_CONSENT = /* GraphQL */ `
  mutation Withdraw($input: WithdrawGuardianConsentInput!) {
    withdrawGuardianConsent(input: $input) {
      consent { id withdrawnAt }
      paused { ${MEMBERSHIP_FIELDS} }
      errors { __typename ... on ErrorResult { code } }
    }
  }
`;

const QUEUE = /* GraphQL */ `
  query Queue($networkId: ID, $overdueOnly: Boolean, $first: Int) {
    intakeQueue(networkId: $networkId, overdueOnly: $overdueOnly, first: $first) {
      totalCount
      nodes { overdue waitingDays membership { id status registeredAt } member { id } }
    }
  }
`;

const DUPLICATES = /* GraphQL */ `
  query Duplicates { duplicateCandidates(first: 100) { totalCount nodes { id matchedOn member { id } existingMember { id } } } }
`;

const RESOLVE = /* GraphQL */ `
  mutation Resolve($input: ResolveDuplicateCandidateInput!) {
    resolveDuplicateCandidate(input: $input) { duplicateCandidate { id resolution resolvedAt } errors { __typename } }
  }
`;

async function ok<T>(promise: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> {
  const response = await promise;
  if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

function onBehalfInput(tenant: string, networkSlug: string, overrides: Record<string, unknown> = {}) {
  const publicTenantRow = tenants[tenant] as PublicTenant;
  const network = publicTenantRow.networks.nodes.find((node) => node.slug === networkSlug);
  const { tenantSlug: _slug, ...input } = registrationInput(publicTenantRow, { networkIds: [network?.id], ...overrides });
  return { ...input, channel: "POSTAL" };
}

async function enterOnPaper(tenant: string, token: string, networkSlug: string, overrides: Record<string, unknown> = {}) {
  const data = await ok(
    api.graphql<{
      registerMemberOnBehalf: {
        member: { id: string; memberships: MembershipView[] } | null;
        alreadyRegistered: boolean;
        probableDuplicates: number;
        errors: StepError[];
      };
    }>(ON_BEHALF, { token, variables: { input: onBehalfInput(tenant, networkSlug, overrides) } }),
  );
  return data.registerMemberOnBehalf;
}

function transition(token: string, membership: { id: string; version: number }, to: string, note?: string) {
  return api.graphql<{ transitionMembership: { membership: (MembershipView & { events: unknown[] }) | null; errors: StepError[] } }>(
    TRANSITION,
    { token, variables: { input: { membershipId: membership.id, to, note, expectedVersion: membership.version } } },
  );
}

/** What the training feature does when attendance is recorded (another feature's job; simulated here). */
async function markTrained(membershipId: string, token: string) {
  await api.running.database.prisma.membership.updateMany({
    where: { id: membershipId },
    data: { trainedAt: new Date(), version: { increment: 1 } },
  });
  const data = await ok(api.graphql<{ membership: MembershipView }>(MEMBERSHIP, { token, variables: { id: membershipId } }));
  return data.membership;
}

beforeAll(async () => {
  api = await startTestApi();
  for (const slug of ["vgr", "kalmar", "jonkoping"]) tenants[slug] = await publicTenant(api, slug);
  tokens.vgr = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
  tokens.kalmar = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  tokens.jonkopingLb = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  tokens.jonkopingPeer = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
});

afterAll(async () => {
  await api?.stop();
});

describe("VGR: no levande bok without the mandatory introduction", () => {
  it("refuses ACTIVE until the training is attended, then activates and keeps the history", async () => {
    const entered = await enterOnPaper("vgr", tokens.vgr as string, "levande-bibliotek");
    expect(entered.errors).toEqual([]);
    expect(entered.alreadyRegistered).toBe(false);
    const membership = entered.member?.memberships[0] as MembershipView;
    expect(membership.status).toBe("REGISTERED");

    const refused = await transition(tokens.vgr as string, membership, "ACTIVE", "Vill börja direkt");
    expect(refused.data?.transitionMembership.membership).toBeNull();
    expect(refused.data?.transitionMembership.errors).toEqual([
      expect.objectContaining({
        __typename: "IntakeRuleNotMet",
        code: "INTAKE_RULE_NOT_MET",
        rule: "TRAINING_REQUIRED",
        missing: "trainingAttended",
      }),
    ]);

    const trained = await markTrained(membership.id, tokens.vgr as string);
    const activated = await transition(tokens.vgr as string, trained, "ACTIVE", "Gick introduktionen 17/2");
    expect(activated.data?.transitionMembership.errors).toEqual([]);
    const after = activated.data?.transitionMembership.membership;
    expect(after?.status).toBe("ACTIVE");
    expect(after?.events).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: "REGISTERED", actorType: "STAFF" }),
      expect.objectContaining({ fromStatus: "REGISTERED", toStatus: "ACTIVE", note: "Gick introduktionen 17/2", actorType: "STAFF" }),
    ]);
    const audit = await api.running.database.prisma.auditEvent.count({ where: { subjectType: "Membership", subjectId: membership.id } });
    expect(audit).toBe(1);
  });
});

describe("Jönköping: conversation and training before active", () => {
  it("names every missing step at once, records the call, and needs the training", async () => {
    const entered = await enterOnPaper("jonkoping", tokens.jonkopingLb as string, "levande-bibliotek");
    const membership = entered.member?.memberships[0] as MembershipView;

    const refused = await transition(tokens.jonkopingLb as string, membership, "ACTIVE");
    expect(refused.data?.transitionMembership.errors.map((error) => error.rule)).toEqual(["CONTACT_CALL_REQUIRED", "TRAINING_REQUIRED"]);

    const called = await transition(tokens.jonkopingLb as string, membership, "CONTACTED", "Samtal 20 min, intresserad");
    const contacted = called.data?.transitionMembership.membership as MembershipView;
    expect(contacted.status).toBe("CONTACTED");
    expect(contacted.contactCallAt).not.toBeNull();
    expect(contacted.version).toBe(membership.version + 1);

    const untrained = await transition(tokens.jonkopingLb as string, contacted, "ACTIVE");
    expect(untrained.data?.transitionMembership.errors.map((error) => error.rule)).toEqual(["TRAINING_REQUIRED"]);

    const current = await markTrained(contacted.id, tokens.jonkopingLb as string);
    const active = await transition(tokens.jonkopingLb as string, current, "ACTIVE");
    expect(active.data?.transitionMembership.membership?.status).toBe("ACTIVE");
  });

  it("answers CONFLICT to a stale version and changes nothing", async () => {
    const entered = await enterOnPaper("jonkoping", tokens.jonkopingLb as string, "levande-bibliotek");
    const membership = entered.member?.memberships[0] as MembershipView;
    await transition(tokens.jonkopingLb as string, membership, "CONTACTED");
    const stale = await transition(tokens.jonkopingLb as string, membership, "WITHDRAWN");
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const now = await ok(
      api.graphql<{ membership: MembershipView }>(MEMBERSHIP, { token: tokens.jonkopingLb, variables: { id: membership.id } }),
    );
    expect(now.membership.status).toBe("CONTACTED");
  });

  it("refuses an illegal move with TRANSITION_NOT_ALLOWED", async () => {
    const entered = await enterOnPaper("jonkoping", tokens.jonkopingLb as string, "levande-bibliotek");
    const membership = entered.member?.memberships[0] as MembershipView;
    const refused = await transition(tokens.jonkopingLb as string, membership, "PAUSED");
    expect(refused.data?.transitionMembership.errors).toEqual([
      expect.objectContaining({ rule: "TRANSITION_NOT_ALLOWED", missing: "transition" }),
    ]);
  });
});

describe("Kalmar: a 14-year-old waits for a guardian's written consent", () => {
  it("holds the registration, releases it on consent, follows the intake, and pauses on withdrawal", async () => {
    const kalmar = tenants.kalmar as PublicTenant;
    const birthDate = `${new Date().getFullYear() - 15}-01-01`;
    const input = registrationInput(kalmar, {
      birthDate,
      guardian: { name: "Vera Vårdnadshavare", phone: "070-765 43 21", relation: "mamma" },
    });
    const registered = await api.graphql<{ registerMember: { registration: { outcome: string } } }>(REGISTER_MEMBER, {
      variables: { input },
    });
    expect(registered.data?.registerMember.registration.outcome).toBe("AWAITING_GUARDIAN_CONSENT");
    const row = await api.running.database.prisma.member.findFirstOrThrow({ where: { familyName: String(input.familyName) } });

    const before = await ok(
      api.graphql<{ member: { guardians: { id: string }[]; memberships: MembershipView[] } }>(GUARDIANS, {
        token: tokens.kalmar,
        variables: { id: row.id },
      }),
    );
    const pending = before.member.memberships[0] as MembershipView;
    expect(pending.status).toBe("PENDING_GUARDIAN_CONSENT");
    const early = await transition(tokens.kalmar as string, pending, "REGISTERED");
    expect(early.data?.transitionMembership.errors.map((error) => error.rule)).toEqual(["GUARDIAN_CONSENT_REQUIRED"]);

    const guardianId = before.member.guardians[0]?.id;
    const textResponse = await api.graphql<{ tenant: { currentConsentText: { version: string } } }>(
      `query { tenant(slug: "kalmar") { currentConsentText(kind: GUARDIAN) { version } } }`,
    );
    const version = textResponse.data?.tenant.currentConsentText.version as string;
    const wrong = await api.graphql<{ recordGuardianConsent: { errors: { __typename: string; currentVersion: string }[] } }>(
      RECORD_CONSENT,
      {
        token: tokens.kalmar,
        variables: { input: { memberId: row.id, guardianId, consentTextVersion: "0.0-old", recordedOnPaper: true } },
      },
    );
    expect(wrong.data?.recordGuardianConsent.errors[0]).toMatchObject({ __typename: "ConsentRequired", currentVersion: version });

    const consented = await ok(
      api.graphql<{
        recordGuardianConsent: { consent: { id: string; textVersion: string; recordedById: string }; released: MembershipView[] };
      }>(RECORD_CONSENT, {
        token: tokens.kalmar,
        variables: { input: { memberId: row.id, guardianId, consentTextVersion: version, recordedOnPaper: true } },
      }),
    );
    expect(consented.recordGuardianConsent.consent.textVersion).toBe(version);
    expect(consented.recordGuardianConsent.consent.recordedById).toBeTruthy();
    let current = consented.recordGuardianConsent.released[0] as MembershipView;
    expect(current.status).toBe("REGISTERED");

    // Kalmar: the development leader phones, books an introduction meeting, holds it; then the member is active.
    const skip = await transition(tokens.kalmar as string, current, "ACTIVE");
    expect(skip.data?.transitionMembership.errors.map((error) => error.rule)).toEqual([
      "CONTACT_CALL_REQUIRED",
      "INTRODUCTION_MEETING_REQUIRED",
    ]);
    current = (await transition(tokens.kalmar as string, current, "CONTACTED", "Ringt upp")).data?.transitionMembership
      .membership as MembershipView;
    current = (await transition(tokens.kalmar as string, current, "INTRODUCTION_BOOKED", "Möte 3/4")).data?.transitionMembership
      .membership as MembershipView;
    const held = await ok(
      api.graphql<{ recordIntroductionHeld: { membership: MembershipView } }>(INTRODUCTION_HELD, {
        token: tokens.kalmar,
        variables: { input: { membershipId: current.id, note: "Introduktion hållen", expectedVersion: current.version } },
      }),
    );
    current = held.recordIntroductionHeld.membership;
    const active = await transition(tokens.kalmar as string, current, "ACTIVE");
    current = active.data?.transitionMembership.membership as MembershipView;
    expect(current.status).toBe("ACTIVE");

    const withdrawn = await ok(
      api.graphql<{ withdrawGuardianConsent: { consent: { withdrawnAt: string | null }; paused: MembershipView[] } }>(WITHDRAW_CONSENT, {
        token: tokens.kalmar,
        variables: { input: { consentId: consented.recordGuardianConsent.consent.id, note: "Vårdnadshavaren ringde" } },
      }),
    );
    expect(withdrawn.withdrawGuardianConsent.consent.withdrawnAt).not.toBeNull();
    expect(withdrawn.withdrawGuardianConsent.paused.map((membership) => membership.status)).toEqual(["PAUSED"]);

    const history = await ok(
      api.graphql<{ membership: { events: { toStatus: string; note: string | null }[] } }>(MEMBERSHIP, {
        token: tokens.kalmar,
        variables: { id: current.id },
      }),
    );
    expect(history.membership.events.map((event) => event.toStatus)).toEqual([
      "PENDING_GUARDIAN_CONSENT",
      "REGISTERED",
      "CONTACTED",
      "INTRODUCTION_BOOKED",
      "INTRODUCTION_BOOKED",
      "ACTIVE",
      "PAUSED",
    ]);
    expect(history.membership.events.map((event) => event.note)).toContain("Introduktion hållen");
  });
});

describe("isolation", () => {
  it("keeps a Peer coordinator out of a Levande bibliotek membership, and other tenants out entirely", async () => {
    const entered = await enterOnPaper("jonkoping", tokens.jonkopingLb as string, "levande-bibliotek");
    const membership = entered.member?.memberships[0] as MembershipView;
    for (const token of [tokens.jonkopingPeer, tokens.vgr]) {
      const read = await api.graphql<{ membership: unknown }>(MEMBERSHIP, { token, variables: { id: membership.id } });
      expect(read.data?.membership).toBeNull();
      const step = await transition(token as string, membership, "CONTACTED");
      expect(step.data?.transitionMembership.errors).toEqual([expect.objectContaining({ __typename: "NotFound", code: "NOT_FOUND" })]);
      const queue = await ok(
        api.graphql<{ intakeQueue: { nodes: { membership: { id: string } }[] } }>(QUEUE, { token, variables: { first: 100 } }),
      );
      expect(queue.intakeQueue.nodes.map((node) => node.membership.id)).not.toContain(membership.id);
    }
    const peerNetwork = (tenants.jonkoping as PublicTenant).networks.nodes.find((node) => node.slug === "levande-bibliotek")?.id;
    const refused = await api.graphql(ON_BEHALF, {
      token: tokens.jonkopingPeer,
      variables: { input: onBehalfInput("jonkoping", "levande-bibliotek", { networkIds: [peerNetwork] }) },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("postal registration and the follow-up queue", () => {
  it("tells the coordinator about a known person and flags probable duplicates", async () => {
    const first = await enterOnPaper("vgr", tokens.vgr as string, "levande-bibliotek");
    const again = await enterOnPaper("vgr", tokens.vgr as string, "levande-bibliotek", {
      familyName: (await api.running.database.prisma.member.findFirstOrThrow({ where: { id: first.member?.id } })).familyName.toUpperCase(),
      email: (await api.running.database.prisma.member.findFirstOrThrow({ where: { id: first.member?.id } })).email,
    });
    expect(again.alreadyRegistered).toBe(true);
    expect(again.member?.id).toBe(first.member?.id);

    const email = (await api.running.database.prisma.member.findFirstOrThrow({ where: { id: first.member?.id } })).email;
    const relative = await enterOnPaper("vgr", tokens.vgr as string, "levande-bibliotek", {
      givenName: "Annan",
      birthDate: "1999-02-03",
      email,
    });
    expect(relative.alreadyRegistered).toBe(false);
    // Every test person shares one phone number, so earlier ones match on PHONE as well.
    expect(relative.probableDuplicates).toBeGreaterThanOrEqual(1);

    const listed = await ok(
      api.graphql<{
        duplicateCandidates: { nodes: { id: string; matchedOn: string[]; member: { id: string }; existingMember: { id: string } }[] };
      }>(DUPLICATES, { token: tokens.vgr }),
    );
    const candidate = listed.duplicateCandidates.nodes.find(
      (node) => node.member.id === relative.member?.id && node.existingMember.id === first.member?.id,
    );
    expect(candidate?.matchedOn).toContain("EMAIL");
    const hidden = await ok(api.graphql<{ duplicateCandidates: { nodes: { id: string }[] } }>(DUPLICATES, { token: tokens.kalmar }));
    expect(hidden.duplicateCandidates.nodes.map((node) => node.id)).not.toContain(candidate?.id);

    const resolved = await ok(
      api.graphql<{ resolveDuplicateCandidate: { duplicateCandidate: { resolution: string } } }>(RESOLVE, {
        token: tokens.vgr,
        variables: { input: { id: candidate?.id, resolution: "DIFFERENT_PEOPLE" } },
      }),
    );
    expect(resolved.resolveDuplicateCandidate.duplicateCandidate.resolution).toBe("DIFFERENT_PEOPLE");
    const after = await ok(api.graphql<{ duplicateCandidates: { nodes: { id: string }[] } }>(DUPLICATES, { token: tokens.vgr }));
    expect(after.duplicateCandidates.nodes.map((node) => node.id)).not.toContain(candidate?.id);
  });

  it("lists waiting registrations oldest first and marks the overdue ones", async () => {
    const prisma = api.running.database.prisma;
    const entered = await enterOnPaper("jonkoping", tokens.jonkopingLb as string, "levande-bibliotek");
    const membershipId = entered.member?.memberships[0]?.id as string;
    await prisma.membership.updateMany({ where: { id: membershipId }, data: { registeredAt: new Date("2000-01-01T00:00:00Z") } });
    const tenant = await prisma.tenant.findFirstOrThrow({ where: { slug: "jonkoping" } });
    await prisma.intakeRuleSet.updateMany({ where: { tenantId: tenant.id }, data: { followUpWithinDays: 14 } });

    const queue = await ok(
      api.graphql<{ intakeQueue: { totalCount: number; nodes: { overdue: boolean; membership: { id: string; registeredAt: string } }[] } }>(
        QUEUE,
        {
          token: tokens.jonkopingLb,
          variables: { first: 100 },
        },
      ),
    );
    expect(queue.intakeQueue.nodes[0]?.membership.id).toBe(membershipId);
    expect(queue.intakeQueue.nodes[0]?.overdue).toBe(true);
    const times = queue.intakeQueue.nodes.map((node) => Date.parse(node.membership.registeredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const overdue = await ok(
      api.graphql<{ intakeQueue: { nodes: { overdue: boolean; membership: { id: string } }[] } }>(QUEUE, {
        token: tokens.jonkopingLb,
        variables: { overdueOnly: true, first: 100 },
      }),
    );
    expect(overdue.intakeQueue.nodes.map((node) => node.membership.id)).toContain(membershipId);
    expect(overdue.intakeQueue.nodes.every((node) => node.overdue)).toBe(true);
  });
});
