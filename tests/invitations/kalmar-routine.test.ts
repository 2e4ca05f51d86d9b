import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import { occasionInDays, startMatching, submitRequest } from "../support/requests.js";
import { letTheOccasionTakePlaceYesterday, networkId } from "../support/scenarios.js";
import {
  accept,
  type Contact,
  contactSharingVersion,
  errorCodes,
  INVITE,
  ME_MEMBER,
  MY_ASSIGNMENTS,
  MY_INVITATIONS,
  mutate,
  POOL_SEARCH,
  participants,
  present,
  query,
  RECORD_AGREEMENT,
  RECORD_ATTENDANCE,
  REQUEST_ASSIGNMENTS,
  REQUEST_INVITATIONS,
  REQUEST_PARTICIPANTS,
  RESPOND,
  WITHDRAW_CONSENT,
  WITHDRAW_FROM_ASSIGNMENT,
} from "./invitations.js";

// Issue 5 items 3–5 through Kalmar's routine ("Förfrågan om medverkan", seeds/003): the development leader matches
// people from Intressebanken and asks them personally (step 2a); after a person accepts, it is documented that their
// contact details may be shared (2c) and only then does the unit get them (2d); the unit contacts them (3), a long
// assignment gets a written agreement signed by both (3), and attendance per person and occasion is the basis of the
// fee form (4). SPEC §4.5: nobody outside the coordinators ever sees contact details before consent.

const REQUEST_HISTORY = graphql(`query KalmarRoutineRequest($id: ID!) { request(id: $id) {
  occasions { id startsAt } events { toStatus } } }`);
const OTHER_REQUESTS = graphql(`query KalmarRoutineOtherRequests { requests(first: 50) { nodes { id occasions { id } } } }`);
const MEMBERSHIPS = graphql(`query KalmarRoutineMemberships($id: ID!) { member(id: $id) {
  memberships { network { id } lastInvitedAt lastAssignmentAt } } }`);
const ANSWER_TIME = graphql(`query KalmarRoutineAnswerTime { tenantSettings { invitationExpiryDays } }`);

let api: TestApi;
/**
 * The audit rows themselves (actor ids, the request in their details): what the audit log records beyond what any
 * API view of it shows. The only database reads left in this file.
 */
const auditRows = () => api.running.database.prisma;
const t: Record<string, string> = {};
let intressebanken: string;
let version: string;
let requestId: string;
let occasionIds: string[];
/** Kalmar's demo members 1, 2 and 3 (all active in Intressebanken), as their own tokens see themselves. */
const people: Record<string, { id: string; givenName: string; familyName: string; email: string | null; phone: string | null }> = {};
const invitationOf: Record<string, string> = {};
let assignmentOfMember1: string;

const myInvitation = async (token: string, id: string) =>
  present((await query(api, token, MY_INVITATIONS)).myInvitations).nodes.find((node) => node.id === id);

/** Member 1's membership of Intressebanken, as the coordinator sees it. */
const membershipOfMember1 = async () =>
  present((await query(api, t.coordinator as string, MEMBERSHIPS, { id: people.member1?.id as string })).member).memberships.find(
    (membership) => membership.network?.id === intressebanken,
  );

beforeAll(async () => {
  api = await startTestApi();
  const [coordinator, requester, otherUnit, member1, member2, member3] = await Promise.all([
    api.tokenFor({ tenant: "kalmar", role: "coordinator" }),
    // kalmar-requester-7: Äldreomsorg Nybro, whose unit asks for the improvement programme below.
    api.signToken({ subject: "kalmar-requester-7", audience: "medverkan:kalmar" }),
    api.signToken({ subject: "kalmar-requester-1", audience: "medverkan:kalmar" }),
    api.signToken({ subject: "kalmar-member-1", audience: "medverkan:kalmar" }),
    api.signToken({ subject: "kalmar-member-2", audience: "medverkan:kalmar" }),
    api.signToken({ subject: "kalmar-member-3", audience: "medverkan:kalmar" }),
  ]);
  Object.assign(t, { coordinator, requester, otherUnit, member1, member2, member3 });
  for (const key of ["member1", "member2", "member3"]) {
    const data = await query(api, t[key] as string, ME_MEMBER);
    people[key] = present(data.me?.member);
  }
  intressebanken = await networkId(api, coordinator, "intressebanken");
  version = await contactSharingVersion(api, "kalmar");

  // Step 1: the unit's "Förfrågan om medverkan": two people over a spring, so a long assignment.
  requestId = await submitRequest(api, t.requester as string, {
    networkSlug: "intressebanken",
    title: "Förbättringsprogram Nära vård – medverkande under våren",
    numberOfPersons: 2,
    oneOffOrLong: "LONG_TERM",
    occasions: [occasionInDays(20, 3), occasionInDays(50, 3)],
  });
  await startMatching(api, t.coordinator as string, requestId);
  occasionIds = present((await query(api, coordinator, REQUEST_HISTORY, { id: requestId })).request).occasions.map(
    (occasion) => occasion.id,
  );
});

afterAll(async () => {
  await api?.stop();
});

describe("Kalmar's routine: request → personal invitation → consent → contact → agreement → attendance", () => {
  it("2a: the development leader finds people in the pool and asks them personally", async () => {
    const search = await query(api, t.coordinator as string, POOL_SEARCH, {
      filter: { networkId: intressebanken, statuses: ["ACTIVE"], name: people.member1?.givenName ?? null },
    });
    expect(present(search.members).nodes.map((node) => node.id)).toContain(people.member1?.id);

    const admin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
    const expiryDays = present((await query(api, admin, ANSWER_TIME)).tenantSettings).invitationExpiryDays;
    const ids = ["member1", "member2", "member3"].map((key) => people[key]?.id as string);
    const payload = await mutate(api, t.coordinator as string, INVITE, {
      requestId,
      memberIds: ids,
      message: "Hej! Vi tror att din erfarenhet passar förbättringsprogrammet i Nybro. Hör av dig om du har frågor.",
    });
    expect(payload.errors).toEqual([]);
    expect(payload.invitations).toHaveLength(3);
    for (const invitation of payload.invitations) {
      expect(invitation.status).toBe("PENDING");
      expect(invitation.contactReleasedAt).toBeNull();
      // The tenant's answer time (Tenant.invitationExpiryDays).
      const days = (new Date(invitation.expiresAt as string).getTime() - new Date(invitation.invitedAt as string).getTime()) / 86_400_000;
      expect(days).toBe(expiryDays);
      const key = ["member1", "member2", "member3"].find((k) => people[k]?.id === invitation.invitee.memberId) as string;
      invitationOf[key] = invitation.id;
    }
    // Being asked counts for the matching's fairness.
    expect((await membershipOfMember1())?.lastInvitedAt).toBeTruthy();
  });

  it("shows the member what the unit asks — the assignment description — and nothing of the unit's internal handling", async () => {
    const mine = await myInvitation(t.member1 as string, invitationOf.member1 as string);
    expect(mine).toMatchObject({
      status: "PENDING",
      contactShared: false,
      assignmentId: null,
      message: expect.stringContaining("förbättringsprogrammet"),
      request: {
        id: requestId,
        title: "Förbättringsprogram Nära vård – medverkande under våren",
        assignmentLength: "LONG_TERM",
        unitName: expect.any(String),
        networkName: "Intressebanken",
      },
    });
    expect(mine?.request?.occasions).toHaveLength(2);
    expect(mine?.request?.occasions[0]?.place).toBe("Konferensrum Tallen");
    // The brief has no cost centre, contact person, status history or other invitees to ask for.
    const probe = await api.graphql(`query { myInvitations(first: 1) { nodes { request { costCentreCode } } } }`, { token: t.member1 });
    expect(errorCodes(probe)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("shows the unit no contact detail before anyone has accepted and consented", async () => {
    expect(await participants(api, t.requester as string, requestId)).toEqual([]);
    // Nor who was asked: the invitations are the coordinators'.
    const invitations = await api.graphql(REQUEST_INVITATIONS, { token: t.requester, variables: { id: requestId } });
    expect(errorCodes(invitations)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(invitations.data ?? {})).not.toContain(people.member1?.familyName as string);
  });

  it("2c: accepting needs the consent to share contact details, with the text version shown to the member", async () => {
    const without = await mutate(api, t.member1 as string, RESPOND, { invitationId: invitationOf.member1 as string, accept: true });
    expect(without.errors).toEqual([
      expect.objectContaining({
        __typename: "ConsentRequired",
        code: "CONSENT_REQUIRED",
        kind: "CONTACT_SHARING",
        currentVersion: version,
      }),
    ]);
    expect(without.errors[0]?.messageSv).toContain("kontaktuppgifter");
    const stale = await mutate(api, t.member1 as string, RESPOND, {
      invitationId: invitationOf.member1 as string,
      accept: true,
      consentTextVersion: "0.0-old",
    });
    expect(stale.errors[0]?.code).toBe("CONSENT_REQUIRED");
    expect(await participants(api, t.requester as string, requestId)).toEqual([]);

    const accepted = await accept(api, t.member1 as string, invitationOf.member1 as string, version);
    expect(accepted.errors).toEqual([]);
    expect(accepted.invitation).toMatchObject({ status: "ACCEPTED", contactShared: true, assignmentId: expect.any(String) });
    assignmentOfMember1 = accepted.invitation?.assignmentId as string;

    // The consent is documented with the text version shown, given by the member (not recorded on their behalf).
    const invitations = present((await query(api, t.coordinator as string, REQUEST_INVITATIONS, { id: requestId })).request);
    expect(invitations.invitations.nodes.find((node) => node.id === invitationOf.member1)).toMatchObject({
      contactConsentVersion: version,
      contactConsentWithdrawnAt: null,
    });
    expect(await myInvitation(t.member1 as string, invitationOf.member1 as string)).toMatchObject({ contactShared: true });

    const view = await query(api, t.coordinator as string, REQUEST_INVITATIONS, {
      id: requestId,
    });
    expect(present(view.request).status).toBe("PARTLY_FILLED");
    expect(present(view.request).filledAt).toBeNull();
  });

  it("2d: the unit now sees that participant's name, e-mail and phone — and every read is an audited disclosure", async () => {
    const before = await auditRows().auditEvent.count({ where: { action: "DISCLOSE", memberId: people.member1?.id } });
    const contacts = await participants(api, t.requester as string, requestId);
    expect(contacts).toEqual<Contact[]>([
      {
        assignmentId: assignmentOfMember1,
        givenName: people.member1?.givenName as string,
        familyName: people.member1?.familyName as string,
        email: people.member1?.email ?? null,
        phone: people.member1?.phone ?? null,
      },
    ]);
    await participants(api, t.requester as string, requestId);
    const events = await auditRows().auditEvent.findMany({
      where: { action: "DISCLOSE", memberId: people.member1?.id },
      orderBy: { at: "asc" },
    });
    expect(events.length - before).toBe(2);
    const requester = await auditRows().staffUser.findFirstOrThrow({ where: { subject: "kalmar-requester-7" } });
    expect(events.at(-1)).toMatchObject({
      actorType: "STAFF",
      actorId: requester.id,
      actorUnitId: requester.unitId,
      subjectType: "Member",
      subjectId: people.member1?.id,
      details: expect.objectContaining({ requestId }),
    });
    // The coordinator sees the participants too; that is a read of the member's data, audited as one.
    const reads = await auditRows().auditEvent.count({
      where: { action: "READ", purpose: "request participants", memberId: people.member1?.id },
    });
    expect((await participants(api, t.coordinator as string, requestId)).map((c) => c.assignmentId)).toEqual([assignmentOfMember1]);
    expect(
      await auditRows().auditEvent.count({ where: { action: "READ", purpose: "request participants", memberId: people.member1?.id } }),
    ).toBe(reads + 1);
  });

  it("never lets anything else of the member reach the unit", async () => {
    for (const field of ["birthDate", "experiences { key }", "perspectives", "memberships { status }", "id"]) {
      const response = await api.graphql(`query($id: ID!) { request(id: $id) { participants { ${field} } } }`, {
        token: t.requester,
        variables: { id: requestId },
      });
      expect(errorCodes(response), field).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    }
    // The places are visible without anyone's identity.
    const places = await query(api, t.requester as string, REQUEST_ASSIGNMENTS, {
      id: requestId,
    });
    expect(present(places.request).assignments).toHaveLength(1);
    expect(JSON.stringify(places)).not.toContain(people.member1?.id as string);
    // And the unit cannot look the member up.
    const lookup = await api.graphql(`query($id: ID!) { member(id: $id) { id email } }`, {
      token: t.requester,
      variables: { id: people.member1?.id },
    });
    expect(lookup.data?.member ?? null).toBeNull();
  });

  it("another unit of the same region sees nothing of the request or its participants", async () => {
    const other = await api.graphql<{ request: unknown }>(REQUEST_PARTICIPANTS, { token: t.otherUnit, variables: { id: requestId } });
    expect(other.data?.request ?? null).toBeNull();
    expect(JSON.stringify(other)).not.toContain(people.member1?.email ?? "@");
  });

  it("a decline is remembered: the member is not asked again for the same request", async () => {
    const declined = await mutate(api, t.member3 as string, RESPOND, {
      invitationId: invitationOf.member3 as string,
      accept: false,
      declineReason: "Har redan ett uppdrag samma vecka.",
    });
    expect(declined.errors).toEqual([]);
    expect(declined.invitation).toMatchObject({
      status: "DECLINED",
      contactShared: false,
      declineReason: "Har redan ett uppdrag samma vecka.",
    });
    const again = await mutate(api, t.coordinator as string, INVITE, {
      requestId,
      memberIds: [people.member3?.id as string],
    });
    expect(again.invitations).toEqual([]);
    expect(again.errors).toEqual([
      expect.objectContaining({ __typename: "MemberNotInvitable", memberId: people.member3?.id, reason: "DECLINED_BEFORE" }),
    ]);
    // A second answer is refused too.
    const twice = await accept(api, t.member3 as string, invitationOf.member3 as string, version);
    expect(twice.errors).toEqual([expect.objectContaining({ code: "INVITATION_NOT_OPEN", reason: "ALREADY_ANSWERED" })]);
    expect((await participants(api, t.requester as string, requestId)).map((c) => c.familyName)).not.toContain(people.member3?.familyName);
  });

  it("the second acceptance fills the request", async () => {
    const accepted = await accept(api, t.member2 as string, invitationOf.member2 as string, version);
    expect(accepted.invitation?.status).toBe("ACCEPTED");
    const view = await query(api, t.coordinator as string, REQUEST_INVITATIONS, { id: requestId });
    expect(present(view.request).status).toBe("FILLED");
    expect(present(view.request).filledAt).not.toBeNull();
    expect(
      present(view.request)
        .invitations.nodes.map((node) => node.status)
        .sort(),
    ).toEqual(["ACCEPTED", "ACCEPTED", "DECLINED"]);
    expect((await participants(api, t.requester as string, requestId)).map((c) => c.givenName).sort()).toEqual(
      [people.member1?.givenName, people.member2?.givenName].sort(),
    );
    // The status history shows the filling, step by step.
    const history = present((await query(api, t.coordinator as string, REQUEST_HISTORY, { id: requestId })).request);
    expect(history.events.map((event) => event.toStatus)).toEqual(["SUBMITTED", "MATCHING", "PARTLY_FILLED", "FILLED"]);
  });

  it("step 3: a long assignment needs a written agreement signed by both, recorded by the unit", async () => {
    const places = await query(api, t.requester as string, REQUEST_ASSIGNMENTS, { id: requestId });
    expect(present(places.request).assignments.every((a) => a.agreementRequired && !a.agreementSigned)).toBe(true);

    const agreement = {
      assignmentId: assignmentOfMember1,
      validFrom: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
      validTo: new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10),
      scope: "Medverkan i förbättringsprogrammet Nära vård: två arbetsmöten à tre timmar, läsa underlag inför varje möte.",
      signedByMemberAt: new Date(Date.now() - 3_600_000).toISOString(),
      signedByUnitAt: new Date(Date.now() - 1_800_000).toISOString(),
    };
    const unsigned = await api.graphql(RECORD_AGREEMENT, {
      token: t.requester,
      variables: { input: { ...agreement, signedByUnitAt: null, validTo: "2020-01-01" } },
    });
    expect(errorCodes(unsigned)).toEqual(["BAD_USER_INPUT"]);
    const fields =
      (unsigned.errors?.[0]?.extensions?.fieldErrors as Array<{ field: string; code: string; messages: { sv: string } }>) ?? [];
    expect(fields.map((error) => [error.field, error.code])).toEqual([
      ["input.validTo", "MUST_BE_AFTER"],
      ["input.signedByUnitAt", "REQUIRED"],
    ]);
    expect(fields[1]?.messages.sv).toContain("båda parter");

    const recorded = await mutate(api, t.requester as string, RECORD_AGREEMENT, agreement);
    expect(recorded.errors).toEqual([]);
    expect(recorded.assignment).toMatchObject({
      agreementSigned: true,
      agreementValidFrom: agreement.validFrom,
      agreementValidTo: agreement.validTo,
      agreementScope: agreement.scope,
    });
    // The participant sees their agreement in their own assignments.
    const mine = await query(api, t.member1 as string, MY_ASSIGNMENTS);
    expect(present(mine.myAssignments).nodes.find((node) => node.id === assignmentOfMember1)).toMatchObject({
      agreementSigned: true,
      request: { id: requestId },
    });
    // Another unit cannot record one.
    const foreign = await mutate(api, t.otherUnit as string, RECORD_AGREEMENT, agreement);
    expect(foreign.errors.map((error) => error.code)).toEqual(["NOT_FOUND"]);
  });

  it("step 4: attendance per person and occasion, once the occasion has taken place", async () => {
    const input = {
      assignmentId: assignmentOfMember1,
      occasionId: occasionIds[0] as string,
      attended: true,
      durationMinutes: 180,
      travelMinutes: 50,
    };
    const early = await mutate(api, t.requester as string, RECORD_ATTENDANCE, input);
    expect(early.errors).toEqual([expect.objectContaining({ code: "ATTENDANCE_NOT_POSSIBLE", reason: "OCCASION_NOT_STARTED" })]);

    await letTheOccasionTakePlaceYesterday(api, occasionIds[0] as string);
    const bad = await api.graphql(RECORD_ATTENDANCE, {
      token: t.requester,
      variables: { input: { ...input, durationMinutes: 0, travelMinutes: -10 } },
    });
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
    const recorded = await mutate(api, t.requester as string, RECORD_ATTENDANCE, input);
    expect(recorded.errors).toEqual([]);
    expect(recorded.attendance).toMatchObject({ attended: true, durationMinutes: 180, travelMinutes: 50 });

    // Reporting again corrects the same row (the fee claim reads one row per person and occasion).
    const corrected = await mutate(api, t.coordinator as string, RECORD_ATTENDANCE, {
      ...input,
      durationMinutes: 170,
    });
    expect(corrected.attendance).toMatchObject({ id: recorded.attendance?.id, durationMinutes: 170 });
    const assignments = present((await query(api, t.requester as string, REQUEST_ASSIGNMENTS, { id: requestId })).request).assignments;
    expect(assignments.find((assignment) => assignment.id === assignmentOfMember1)?.attendances).toHaveLength(1);

    // The second occasion has not taken place; another request's occasion is not this assignment's.
    const future = await mutate(api, t.requester as string, RECORD_ATTENDANCE, { ...input, occasionId: occasionIds[1] as string });
    expect(future.errors[0]?.reason).toBe("OCCASION_NOT_STARTED");
    const elsewhere = present((await query(api, t.coordinator as string, OTHER_REQUESTS)).requests)
      .nodes.filter((node) => node.id !== requestId)
      .flatMap((node) => node.occasions)[0];
    const wrong = await mutate(api, t.requester as string, RECORD_ATTENDANCE, { ...input, occasionId: present(elsewhere).id });
    expect(wrong.errors[0]?.reason).toBe("OCCASION_NOT_IN_REQUEST");
    // Another unit's requester may not report it.
    const foreign = await mutate(api, t.otherUnit as string, RECORD_ATTENDANCE, input);
    expect(foreign.errors.map((error) => error.code)).toEqual(["NOT_FOUND"]);

    expect((await membershipOfMember1())?.lastAssignmentAt).toBeTruthy();
  });

  it("a member who withdraws the consent is hidden from the unit again, but keeps the place", async () => {
    const withdrawn = await mutate(api, t.member1 as string, WITHDRAW_CONSENT, {
      invitationId: invitationOf.member1 as string,
    });
    expect(withdrawn.invitation).toEqual({ id: invitationOf.member1, status: "ACCEPTED", contactShared: false });
    const before = await auditRows().auditEvent.count({ where: { action: "DISCLOSE", memberId: people.member1?.id } });
    const contacts = await participants(api, t.requester as string, requestId);
    expect(contacts.map((c) => c.givenName)).toEqual([people.member2?.givenName]);
    expect(JSON.stringify(contacts)).not.toContain(people.member1?.familyName as string);
    expect(await auditRows().auditEvent.count({ where: { action: "DISCLOSE", memberId: people.member1?.id } })).toBe(before);
    // Withdrawing twice changes nothing.
    const again = await mutate(api, t.member1 as string, WITHDRAW_CONSENT, { invitationId: invitationOf.member1 as string });
    expect(again.errors).toEqual([]);
  });

  it("a member who withdraws from the assignment frees the place and is hidden and not asked again", async () => {
    const left = await mutate(api, t.member2 as string, WITHDRAW_FROM_ASSIGNMENT, {
      invitationId: invitationOf.member2 as string,
      reason: "Har fått förhinder under våren.",
    });
    expect(left.errors).toEqual([]);
    expect(left.invitation?.status).toBe("DECLINED");
    expect(await participants(api, t.requester as string, requestId)).toEqual([]);
    const view = await query(api, t.coordinator as string, REQUEST_INVITATIONS, { id: requestId });
    expect(present(view.request).status).toBe("PARTLY_FILLED");
    const places = await query(api, t.requester as string, REQUEST_ASSIGNMENTS, { id: requestId });
    expect(
      present(places.request)
        .assignments.map((a) => a.status)
        .sort(),
    ).toEqual(["CANCELLED", "CONFIRMED"]);
    const again = await mutate(api, t.coordinator as string, INVITE, { requestId, memberIds: [people.member2?.id as string] });
    expect(again.errors[0]?.reason).toBe("DECLINED_BEFORE");
  });

  it("records every step in the audit log", async () => {
    const member1 = people.member1?.id as string;
    const events = await auditRows().auditEvent.findMany({
      where: { memberId: member1, details: { path: ["requestId"], equals: requestId } },
    });
    const purposes = new Set(events.map((event) => `${event.action} ${event.purpose}`));
    for (const expected of [
      "WRITE invited to a request",
      "WRITE contact sharing consent given",
      "WRITE invitation accepted by the member",
      "DISCLOSE contact details released to the requesting unit",
      "READ request invitations",
      "WRITE contact sharing consent withdrawn",
    ]) {
      expect(purposes, expected).toContain(expected);
    }
  });
});
