import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Claim, holdOccasion, prepareOne } from "../fees/fees.js";
import { graphql } from "../generated/gql.js";
import type { RecordInvitationAnswerOnBehalfInput } from "../generated/graphql.js";
import { aJonkopingInvitation, aKalmarRequestWithTwoInvitedMembers, type Invitee } from "../support/scenarios.js";
import { accept, errorCodes, mutate, participants, present, query } from "./invitations.js";

// Issue 15 step 5 through Kalmar's routine (seeds/003, step 2c): the development leader asks a person by phone and
// documents the yes and the consent to share contact details. The answer recorded on the member's behalf goes through
// the member's own answer (same rules, same release of contact details), is audited, and the member sees who recorded
// it and how. Nobody outside the member's network can do it: another network's or tenant's invitation is not found.

const RECORD = graphql(`mutation RecordInvitationAnswerOnBehalf($input: RecordInvitationAnswerOnBehalfInput!) {
  recordInvitationAnswerOnBehalf(input: $input) {
    invitation { ...InvitationFields answerChannel answerRecordedByRole }
    errors { __typename ...PayloadErrorFields ... on ConsentRequired { currentVersion } } } }`);
const MY_INVITATIONS_WITH_RECORDER = graphql(`query MyInvitationsWithRecorder { myInvitations(first: 20) {
  nodes { ...MyInvitationFields answerChannel answerRecordedByRole } } }`);
const MY_LOG = graphql(`query MyDataAccessLogOnBehalf { myDataAccessLog(first: 100) { nodes { actorType roles subjectType purpose } } }`);

let api: TestApi;
const t: Record<string, string> = {};
let version: string;
let requestId: string;
let member1: Invitee;
let member2: Invitee;
let jonkopingInvitation: string;

const record = (token: string, input: RecordInvitationAnswerOnBehalfInput) => mutate(api, token, RECORD, input);

const myInvitation = async (token: string, id: string) =>
  (await query(api, token, MY_INVITATIONS_WITH_RECORDER)).myInvitations?.nodes.find((node) => node.id === id);

const notFound = (errors: Array<{ code?: string | undefined }>) => expect(errors.map((error) => error.code)).toEqual(["NOT_FOUND"]);

beforeAll(async () => {
  api = await startTestApi();
  // Kalmar's members 1 and 2 asked to Äldreomsorg Nybro's request; a Jönköping invitation in Levande bibliotek, for the
  // other-network check.
  const kalmar = await aKalmarRequestWithTwoInvitedMembers(api, {
    title: "Brukarröster i Nybros hemtjänst",
    message: "Hej! Jag ringer dig om det här.",
  });
  ({ requestId, member1, member2, consentVersion: version } = kalmar);
  jonkopingInvitation = (await aJonkopingInvitation(api)).invitationId;
  const [jkpCoordinator, peerCoordinator, vgrCoordinator] = await Promise.all([
    api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" }),
    api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" }),
    api.tokenFor({ tenant: "vgr", role: "coordinator" }),
  ]);
  Object.assign(t, {
    coordinator: kalmar.coordinator,
    requester: kalmar.requester,
    member1: member1.token,
    member2: member2.token,
    jkpCoordinator,
    peerCoordinator,
    vgrCoordinator,
  });
});

afterAll(async () => {
  await api?.stop();
});

describe("a coordinator records a member's answer on their behalf", () => {
  it("a consent version that is not the tenant's current one is refused in Swedish and English, and nothing changes", async () => {
    const payload = await record(t.coordinator as string, {
      invitationId: member1.invitationId,
      accept: true,
      consentTextVersion: `${version}-old`,
      channel: "PHONE",
      answeredAt: new Date().toISOString(),
    });
    expect(payload.invitation).toBeNull();
    expect(payload.errors).toHaveLength(1);
    const [error] = payload.errors;
    if (!error) throw new Error("no error");
    expect(error.__typename).toBe("ConsentRequired");
    expect(error.currentVersion).toBe(version);
    expect(error.messageSv).toBeTruthy();
    expect(error.messageEn).toBeTruthy();
    expect(error.messageSv).not.toBe(error.messageEn);
    const mine = await myInvitation(t.member1 as string, member1.invitationId);
    expect(mine?.status).toBe("PENDING");
    expect(mine?.answerChannel).toBeNull();
    expect(await participants(api, t.requester as string, requestId)).toEqual([]);
  });

  it("an answered time in the future is a bilingual input error", async () => {
    const response = await api.graphql(RECORD, {
      token: t.coordinator,
      variables: {
        input: {
          invitationId: member1.invitationId,
          accept: true,
          consentTextVersion: version,
          channel: "PHONE",
          answeredAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect((await myInvitation(t.member1 as string, member1.invitationId))?.status).toBe("PENDING");
  });

  it("another network's coordinator and another tenant's coordinator find no such invitation; a member may not record at all", async () => {
    const input = { accept: true, consentTextVersion: version, channel: "PHONE" as const, answeredAt: new Date().toISOString() };
    notFound((await record(t.vgrCoordinator as string, { ...input, invitationId: member1.invitationId })).errors);
    notFound((await record(t.peerCoordinator as string, { ...input, invitationId: jonkopingInvitation })).errors);
    notFound((await record(t.coordinator as string, { ...input, invitationId: jonkopingInvitation })).errors);
    const asMember = await api.graphql(RECORD, {
      token: t.member2,
      variables: { input: { ...input, invitationId: member2.invitationId } },
    });
    expect(errorCodes(asMember)).toEqual(["FORBIDDEN"]);
    expect((await myInvitation(t.member1 as string, member1.invitationId))?.status).toBe("PENDING");
    expect((await myInvitation(t.member2 as string, member2.invitationId))?.status).toBe("PENDING");
  });

  it("a phone acceptance with the current consent version gives the place and releases contact details, like the member's own", async () => {
    const answeredAt = new Date(Date.now() - 3_600_000).toISOString();
    const payload = await record(t.coordinator as string, {
      invitationId: member1.invitationId,
      accept: true,
      consentTextVersion: version,
      channel: "PHONE",
      answeredAt,
    });
    expect(payload.errors).toEqual([]);
    expect(payload.invitation?.status).toBe("ACCEPTED");
    expect(payload.invitation?.contactConsentVersion).toBe(version);
    expect(payload.invitation?.answerChannel).toBe("PHONE");
    expect(payload.invitation?.answerRecordedByRole).toBe("COORDINATOR");
    expect(payload.invitation?.respondedAt).toBe(answeredAt);

    // The member's own acceptance, for comparison.
    const own = await accept(api, t.member2 as string, member2.invitationId, version);
    expect(own.errors).toEqual([]);
    expect(own.invitation?.status).toBe("ACCEPTED");

    const contacts = await participants(api, t.requester as string, requestId);
    expect(contacts.map((contact) => contact.email).sort()).toEqual([member1.email, member2.email].sort());

    // Answered twice is refused the same way as the member's own second answer.
    const again = await record(t.coordinator as string, {
      invitationId: member1.invitationId,
      accept: false,
      channel: "PAPER",
      answeredAt,
    });
    expect(again.errors.map((error) => error.__typename)).toEqual(["InvitationNotOpen"]);
  });

  it("the member sees who recorded the answer and how, in the invitation and in the log of who touched their data", async () => {
    const mine = await myInvitation(t.member1 as string, member1.invitationId);
    expect(mine?.status).toBe("ACCEPTED");
    expect(mine?.contactShared).toBe(true);
    expect(mine?.answerChannel).toBe("PHONE");
    expect(mine?.answerRecordedByRole).toBe("COORDINATOR");
    const own = await myInvitation(t.member2 as string, member2.invitationId);
    expect(own?.answerChannel).toBeNull();
    expect(own?.answerRecordedByRole).toBeNull();

    const log = present((await query(api, t.member1 as string, MY_LOG)).myDataAccessLog);
    const recorded = log.nodes.filter((node) => node.purpose?.includes("on the member's behalf (by phone)"));
    expect(recorded.map((node) => node.subjectType).sort()).toEqual(["Consent", "Invitation"]);
    for (const node of recorded) {
      expect(node.actorType).toBe("STAFF");
      expect(node.roles).toContain("COORDINATOR");
    }
  });
});

const PAPER = graphql(`mutation RecordPaperSignedFeeClaim($input: RecordPaperSignedFeeClaimInput!) {
  recordPaperSignedFeeClaim(input: $input) {
    claim { id status version submittedAt submittedChannel submittedRecordedByRole }
    errors { __typename ...PayloadErrorFields ... on FeeClaimStatusDoesNotAllow { status } } } }`);
const ATTEST_CLAIM = graphql(`mutation AttestFeeClaimOnBehalf($input: FeeClaimActionInput!) {
  attestFeeClaim(input: $input) { claim { id status version } errors { __typename } } }`);
const MY_CLAIMS = graphql(`query MyFeeClaimsOnBehalf { myFeeClaims(first: 50) {
  nodes { id status submittedAt submittedChannel submittedRecordedByRole } } }`);

describe("a coordinator records a fee claim the participant signed on paper", () => {
  let claim: Claim;

  beforeAll(async () => {
    const requester = await api.tokenFor({ tenant: "kalmar", role: "requester" });
    const held = await holdOccasion(api, {
      tenant: "kalmar",
      requesterToken: requester,
      memberSubject: "kalmar-member-1",
      title: "Brukarråd hemtjänst – pappersblankett",
      startsAt: "2026-11-04T08:00:00Z",
      endsAt: "2026-11-04T11:00:00Z",
      durationMinutes: 180,
      travelMinutes: 0,
    });
    claim = await prepareOne(api, t.coordinator as string, held.occasionId);
    expect(claim.status).toBe("DRAFT");
  });

  const paper = (token: string, input: { signedAt: string }) =>
    mutate(api, token, PAPER, { id: claim.id, expectedVersion: claim.version, ...input });

  it("nobody outside the claim's network can record it, a member cannot at all, and a signature in the future is refused", async () => {
    const signedAt = new Date(Date.now() - 86_400_000).toISOString();
    notFound((await paper(t.vgrCoordinator as string, { signedAt })).errors);
    notFound((await paper(t.jkpCoordinator as string, { signedAt })).errors);
    const asMember = await api.graphql(PAPER, {
      token: t.member1,
      variables: { input: { id: claim.id, expectedVersion: claim.version, signedAt } },
    });
    expect(errorCodes(asMember)).toEqual(["FORBIDDEN"]);
    const future = await api.graphql(PAPER, {
      token: t.coordinator,
      variables: { input: { id: claim.id, expectedVersion: claim.version, signedAt: new Date(Date.now() + 86_400_000).toISOString() } },
    });
    expect(errorCodes(future)).toEqual(["BAD_USER_INPUT"]);
    const mine = (await query(api, t.member1 as string, MY_CLAIMS)).myFeeClaims?.nodes ?? [];
    expect(mine.find((node) => node.id === claim.id)?.status).toBe("DRAFT");
  });

  it("the paper confirmation moves the claim to SUBMITTED with the date signed; the member sees it was recorded on paper", async () => {
    const signedAt = new Date(Date.now() - 86_400_000).toISOString();
    const payload = await paper(t.coordinator as string, { signedAt });
    expect(payload.errors).toEqual([]);
    expect(payload.claim).toMatchObject({
      status: "SUBMITTED",
      submittedAt: signedAt,
      submittedChannel: "PAPER",
      submittedRecordedByRole: "COORDINATOR",
    });

    const mine = (await query(api, t.member1 as string, MY_CLAIMS)).myFeeClaims?.nodes ?? [];
    expect(mine.find((node) => node.id === claim.id)).toMatchObject({
      status: "SUBMITTED",
      submittedAt: signedAt,
      submittedChannel: "PAPER",
      submittedRecordedByRole: "COORDINATOR",
    });
    const log = present((await query(api, t.member1 as string, MY_LOG)).myDataAccessLog);
    const recorded = log.nodes.filter((node) => node.subjectType === "FeeClaim" && node.purpose?.includes("signed on paper"));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.actorType).toBe("STAFF");
    expect(recorded[0]?.roles).toContain("COORDINATOR");

    // Recorded twice is refused by the same status rule as the member's own confirmation; the workflow goes on.
    const again = await mutate(api, t.coordinator as string, PAPER, {
      id: claim.id,
      expectedVersion: present(payload.claim).version,
      signedAt,
    });
    expect(again.errors.map((error) => error.__typename)).toEqual(["FeeClaimStatusDoesNotAllow"]);
    const attested = await mutate(api, t.coordinator as string, ATTEST_CLAIM, {
      id: claim.id,
      expectedVersion: present(payload.claim).version,
    });
    expect(attested.errors).toEqual([]);
    expect(attested.claim?.status).toBe("ATTESTED");
  });
});
