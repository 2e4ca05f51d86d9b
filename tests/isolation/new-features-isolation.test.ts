import { randomUUID } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// SECURITY.md "Tenant isolation": a request for another tenant's object answers exactly as for an object that does
// not exist, through every path. Every query and mutation of the request, invitation, assignment, fee, payroll,
// statistics, message-template, audit, data-subject-request, intake-appointment / follow-up, organisation-representative and
// outside-pool-participant features is called by Jönköping's staff or member
// with Västra Götaland's ids and with ids that exist nowhere: the two answers must be identical (ids aside), must
// say "not found" (not FORBIDDEN, which would make the test vacuous), and Västra Götaland's data must not change.

type Role = "coordinator" | "tenant-admin" | "requester" | "member";
type Ids = Record<string, string>;

const ERRORS = /* GraphQL */ `errors { __typename ... on ErrorResult { code messageEn } }`;

interface Case {
  name: string;
  role: Role;
  query: string;
  variables: (ids: Ids) => Record<string, unknown>;
}

const m = (name: string, inputType: string, role: Role, input: (ids: Ids) => Record<string, unknown>): Case => ({
  name,
  role,
  query: `mutation($input: ${inputType}!) { ${name.split(" ")[0]}(input: $input) { ${ERRORS} } }`,
  variables: (ids) => ({ input: input(ids) }),
});

const CASES: Case[] = [
  // Queries
  {
    name: "request",
    role: "coordinator",
    query: `query($id: ID!) { request(id: $id) { id title } }`,
    variables: (ids) => ({ id: ids.request }),
  },
  {
    name: "feeClaim",
    role: "coordinator",
    query: `query($id: ID!) { feeClaim(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.feeClaim }),
  },
  {
    name: "feeClaim (member)",
    role: "member",
    query: `query($id: ID!) { feeClaim(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.feeClaim }),
  },
  {
    name: "payrollExport",
    role: "tenant-admin",
    query: `query($id: ID!) { payrollExport(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.payrollExport }),
  },
  {
    name: "messageTemplates",
    role: "tenant-admin",
    query: `query($n: ID) { messageTemplates(networkId: $n) { kind locale subject } }`,
    variables: (ids) => ({ n: ids.network }),
  },
  {
    name: "previewMessage",
    role: "tenant-admin",
    query: `query($n: ID) { previewMessage(kind: ASSIGNMENT_DESCRIPTION, locale: SV, networkId: $n) { __typename } }`,
    variables: (ids) => ({ n: ids.network }),
  },
  {
    name: "statistics",
    role: "tenant-admin",
    query: `query($n: ID) { statistics(input: { networkId: $n, period: { year: 2026 } }) { rows { groups { __typename } } } }`,
    variables: (ids) => ({ n: ids.network }),
  },
  {
    name: "auditEvents",
    role: "tenant-admin",
    query: `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 10) { totalCount nodes { id } } }`,
    variables: (ids) => ({ f: { memberId: ids.member } }),
  },
  {
    name: "dataSubjectRequests",
    role: "tenant-admin",
    query: `query($f: DataSubjectRequestFilter) { dataSubjectRequests(filter: $f, first: 10) { totalCount nodes { id } } }`,
    variables: (ids) => ({ f: { memberId: ids.member } }),
  },
  // Requests
  m("cancelRequest", "CancelRequestInput", "coordinator", (ids) => ({ requestId: ids.request, reason: "x" })),
  m("declineRequest", "DeclineRequestInput", "coordinator", (ids) => ({ requestId: ids.request, reason: "x" })),
  m("updateRequest", "UpdateRequestInput", "requester", (ids) => ({ requestId: ids.request, expectedVersion: 1, title: "Kapad" })),
  m("startMatching", "StartMatchingInput", "coordinator", (ids) => ({ requestId: ids.request })),
  m("markRequestCarriedOut", "MarkRequestCarriedOutInput", "coordinator", (ids) => ({ requestId: ids.request })),
  m("recordFollowUp", "RecordFollowUpInput", "coordinator", (ids) => ({ requestId: ids.request, note: "x" })),
  m("giveFeedback", "GiveFeedbackInput", "coordinator", (ids) => ({ requestId: ids.request, rating: 5, comment: "x" })),
  m("addOccasion", "AddOccasionInput", "coordinator", (ids) => ({
    requestId: ids.request,
    startsAt: "2027-03-01T09:00:00Z",
    endsAt: "2027-03-01T11:00:00Z",
    place: "x",
  })),
  m("cancelOccasion", "CancelOccasionInput", "coordinator", (ids) => ({ occasionId: ids.occasion, reason: "x" })),
  m("markOccasionHeld", "MarkOccasionHeldInput", "coordinator", (ids) => ({ occasionId: ids.occasion })),
  m("recordDirectBooking", "RecordDirectBookingInput", "requester", (ids) => ({ networkId: ids.network, title: "x", purpose: "x" })),
  m("confirmDirectBookingParticipant", "DecideDirectBookingParticipantInput", "coordinator", (ids) => ({
    id: ids.directBookingParticipant,
  })),
  m("rejectDirectBookingParticipant", "DecideDirectBookingParticipantInput", "coordinator", (ids) => ({
    id: ids.directBookingParticipant,
  })),
  m("confirmMyDirectBooking", "DecideDirectBookingParticipantInput", "member", (ids) => ({ id: ids.directBookingParticipant })),
  m("declineMyDirectBooking", "DecideDirectBookingParticipantInput", "member", (ids) => ({ id: ids.directBookingParticipant })),
  m("addOutsidePoolParticipant", "AddOutsidePoolParticipantInput", "requester", (ids) => ({
    requestId: ids.request,
    givenName: "Lena",
    familyName: "Ek",
  })),
  m("removeOutsidePoolParticipant (requester)", "RemoveOutsidePoolParticipantInput", "requester", (ids) => ({
    id: ids.outsidePoolParticipant,
  })),
  m("removeOutsidePoolParticipant (coordinator)", "RemoveOutsidePoolParticipantInput", "coordinator", (ids) => ({
    id: ids.outsidePoolParticipant,
  })),
  {
    name: "invitee",
    role: "coordinator",
    query: `query($id: ID!) { invitee(id: $id) { id memberId givenName } }`,
    variables: (ids) => ({ id: ids.invitee }),
  },
  {
    name: "node (invitee)",
    role: "coordinator",
    query: `query($id: ID!) { node(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.invitee }),
  },
  // Invitations and assignments
  m("inviteMembers", "InviteMembersInput", "coordinator", (ids) => ({ requestId: ids.request, memberIds: [ids.ownMember] })),
  m("inviteMembers (foreign member)", "InviteMembersInput", "coordinator", (ids) => ({
    requestId: ids.ownRequest,
    memberIds: [ids.member],
  })),
  m("withdrawInvitation", "WithdrawInvitationInput", "coordinator", (ids) => ({ invitationId: ids.invitation, reason: "x" })),
  m("respondToInvitation", "RespondToInvitationInput", "member", (ids) => ({ invitationId: ids.invitation, accept: false })),
  m("withdrawFromAssignment", "WithdrawFromAssignmentInput", "member", (ids) => ({ invitationId: ids.invitation, reason: "x" })),
  m("withdrawContactSharingConsent", "WithdrawContactSharingConsentInput", "member", (ids) => ({ invitationId: ids.invitation })),
  m("cancelParticipant", "CancelParticipantInput", "coordinator", (ids) => ({ assignmentId: ids.assignment, reason: "x" })),
  m("recordAttendance", "RecordAttendanceInput", "coordinator", (ids) => ({
    assignmentId: ids.assignment,
    occasionId: ids.occasion,
    attended: true,
    durationMinutes: 60,
  })),
  m("recordAgreement", "RecordAgreementInput", "coordinator", (ids) => ({
    assignmentId: ids.assignment,
    scope: "x",
    validFrom: "2027-01-01",
    validTo: "2027-12-31",
    signedByMemberAt: "2026-11-01T10:00:00Z",
    signedByUnitAt: "2026-11-01T10:00:00Z",
  })),
  // Fee claims and payroll
  m("prepareFeeClaims", "PrepareFeeClaimsInput", "coordinator", (ids) => ({ occasionId: ids.occasion })),
  m("updateFeeClaim", "UpdateFeeClaimInput", "member", (ids) => ({ id: ids.feeClaim, expectedVersion: 1, mileageKm: 999 })),
  m("submitFeeClaim", "FeeClaimActionInput", "member", (ids) => ({ id: ids.feeClaim, expectedVersion: 1 })),
  m("attestFeeClaim", "FeeClaimActionInput", "coordinator", (ids) => ({ id: ids.feeClaim, expectedVersion: 1 })),
  m("rejectFeeClaim", "RejectFeeClaimInput", "coordinator", (ids) => ({ id: ids.feeClaim, expectedVersion: 1, reason: "x" })),
  m("correctFeeClaim", "CorrectFeeClaimInput", "coordinator", (ids) => ({
    id: ids.feeClaim,
    expectedVersion: 1,
    reason: "x",
    mileageKm: 1,
  })),
  m("createPayrollExport", "CreatePayrollExportInput", "tenant-admin", (ids) => ({
    payerOrganisationId: ids.organisation,
    periodFrom: "2020-01-01",
    periodTo: "2030-12-31",
  })),
  m("markPayrollExportPaid", "MarkPayrollExportPaidInput", "tenant-admin", (ids) => ({ id: ids.payrollExport })),
  // Download links (issue 17): a link to another tenant's document is refused as for a missing one
  m("createDownloadLink fee form", "CreateDownloadLinkInput", "coordinator", (ids) => ({
    kind: "FEE_CLAIM_FORM",
    subjectId: ids.feeClaim,
  })),
  m("createDownloadLink fee form (member)", "CreateDownloadLinkInput", "member", (ids) => ({
    kind: "FEE_CLAIM_FORM",
    subjectId: ids.feeClaim,
  })),
  m("createDownloadLink agreement", "CreateDownloadLinkInput", "coordinator", (ids) => ({
    kind: "ASSIGNMENT_AGREEMENT",
    subjectId: ids.assignment,
  })),
  m("createDownloadLink payroll", "CreateDownloadLinkInput", "tenant-admin", (ids) => ({
    kind: "PAYROLL_SUMMARY",
    subjectId: ids.payrollExport,
  })),
  m("createDownloadLink occasion", "CreateDownloadLinkInput", "requester", (ids) => ({
    kind: "OCCASION_CALENDAR",
    subjectId: ids.occasion,
  })),
  // Message templates
  m("upsertMessageTemplate", "UpsertMessageTemplateInput", "tenant-admin", (ids) => ({
    networkId: ids.network,
    kind: "ASSIGNMENT_DESCRIPTION",
    locale: "SV",
    subject: "x",
    body: "x",
    expectedVersion: 0,
  })),
  m("resetMessageTemplate", "ResetMessageTemplateInput", "tenant-admin", (ids) => ({
    networkId: ids.network,
    kind: "ASSIGNMENT_DESCRIPTION",
    locale: "SV",
    expectedVersion: 1,
  })),
  // Intake appointments and the follow-up log (issue 21)
  {
    name: "intakeAppointment",
    role: "coordinator",
    query: `query($id: ID!) { intakeAppointment(id: $id) { id startsAt note } }`,
    variables: (ids) => ({ id: ids.intakeAppointment }),
  },
  {
    name: "membershipFollowUps",
    role: "coordinator",
    query: `query($id: ID!) { membershipFollowUps(membershipId: $id) { totalCount nodes { id note } } }`,
    variables: (ids) => ({ id: ids.membership }),
  },
  {
    name: "followUpsDue",
    role: "coordinator",
    query: `query($n: ID) { followUpsDue(networkId: $n, withinDays: 366) { totalCount nodes { id: nextFollowUpOn } } }`,
    variables: (ids) => ({ n: ids.network }),
  },
  m("bookIntakeAppointment", "BookIntakeAppointmentInput", "coordinator", (ids) => ({
    membershipId: ids.membership,
    startsAt: "2030-01-15T09:00:00Z",
  })),
  m("rescheduleIntakeAppointment", "RescheduleIntakeAppointmentInput", "coordinator", (ids) => ({
    appointmentId: ids.intakeAppointment,
    startsAt: "2030-01-16T09:00:00Z",
    expectedVersion: 1,
  })),
  m("recordIntakeAppointmentOutcome", "RecordIntakeAppointmentOutcomeInput", "coordinator", (ids) => ({
    appointmentId: ids.intakeAppointment,
    outcome: "CANCELLED",
    expectedVersion: 1,
  })),
  m("logMembershipFollowUp", "LogMembershipFollowUpInput", "coordinator", (ids) => ({
    membershipId: ids.membership,
    contactedOn: "2026-01-05",
    channel: "PHONE",
    note: "x",
  })),
  m("createDownloadLink intake appointment", "CreateDownloadLinkInput", "member", (ids) => ({
    kind: "INTAKE_APPOINTMENT_CALENDAR",
    subjectId: ids.intakeAppointment,
  })),
  // Data-subject requests
  m("recordDataSubjectRequest", "RecordDataSubjectRequestInput", "coordinator", (ids) => ({
    memberId: ids.member,
    kind: "ACCESS",
    channel: "POSTAL",
  })),
  m("completeDataSubjectRequest", "CompleteDataSubjectRequestInput", "tenant-admin", (ids) => ({ id: ids.dataSubjectRequest, note: "x" })),
  // Organisation representatives (issue 21 item 4).
  m("recordOrganisationRepresentation", "RecordRepresentationInput", "coordinator", (ids) => ({
    memberId: ids.member,
    organisationId: ids.patientOrganisation,
    validFrom: "2026-01-01",
  })),
  m("recordOrganisationRepresentation (foreign organisation)", "RecordRepresentationInput", "coordinator", (ids) => ({
    memberId: ids.ownMember,
    organisationId: ids.patientOrganisation,
    validFrom: "2026-01-01",
  })),
  m("proposeMyOrganisationRepresentation", "ProposeMyRepresentationInput", "member", (ids) => ({
    organisationId: ids.patientOrganisation,
    validFrom: "2026-01-01",
  })),
  m("confirmOrganisationRepresentation", "DecideRepresentationInput", "coordinator", (ids) => ({ id: ids.representation })),
  m("rejectOrganisationRepresentation", "DecideRepresentationInput", "coordinator", (ids) => ({ id: ids.representation })),
  m("endOrganisationRepresentation", "EndRepresentationInput", "coordinator", (ids) => ({ id: ids.representation, validTo: "2026-12-31" })),
  m("retirePatientOrganisation", "RetirePatientOrganisationInput", "coordinator", (ids) => ({ id: ids.patientOrganisation })),
  m("retirePatientOrganisation (tenant admin)", "RetirePatientOrganisationInput", "tenant-admin", (ids) => ({
    id: ids.patientOrganisation,
  })),
];

let api: TestApi;
const tokens: Partial<Record<Role, string>> = {};
let foreign: Ids;
let missing: Ids;
const prisma = () => api.running.database.prisma;

/** Everything Västra Götaland holds that these operations could touch, to prove none of them wrote there. */
async function foreignState(tenantId: string) {
  const where = { where: { tenantId } };
  const p = prisma();
  return JSON.stringify(
    await Promise.all([
      p.request.findMany({ ...where, orderBy: { id: "asc" } }),
      p.occasion.findMany({ ...where, orderBy: { id: "asc" } }),
      p.invitation.findMany({ ...where, orderBy: { id: "asc" } }),
      p.assignment.findMany({ ...where, orderBy: { id: "asc" } }),
      p.attendance.findMany({ ...where, orderBy: { id: "asc" } }),
      p.feeClaim.findMany({ ...where, orderBy: { id: "asc" } }),
      p.payrollExport.findMany({ ...where, orderBy: { id: "asc" } }),
      p.feedback.findMany({ ...where, orderBy: { id: "asc" } }),
      p.messageTemplate.findMany({ ...where, orderBy: { id: "asc" } }),
      p.dataSubjectRequest.findMany({ ...where, orderBy: { id: "asc" } }),
      p.directBookingParticipant.findMany({ ...where, orderBy: { id: "asc" } }),
      p.outsidePoolParticipant.findMany({ ...where, orderBy: { id: "asc" } }),
      p.intakeAppointment.findMany({ ...where, orderBy: { id: "asc" } }),
      p.membershipFollowUp.findMany({ ...where, orderBy: { id: "asc" } }),
      p.organisationRepresentation.findMany({ ...where, orderBy: { id: "asc" } }),
      p.organisation.findMany({ ...where, orderBy: { id: "asc" } }),
      p.outboxMessage.count(where),
    ]),
  );
}

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ["coordinator", "tenant-admin", "requester", "member"] as const)
    tokens[role] = await api.tokenFor({ tenant: "jonkoping", role });
  const p = prisma();
  const vgr = await p.tenant.findUniqueOrThrow({ where: { slug: "vgr" } });
  const jonkoping = await p.tenant.findUniqueOrThrow({ where: { slug: "jonkoping" } });
  const first = async (rows: Promise<{ id: string } | null>, what: string) => {
    const row = await rows;
    if (!row) throw new Error(`the seed has no ${what} to attack with`);
    return row.id;
  };
  const inVgr = { where: { tenantId: vgr.id }, select: { id: true } };
  foreign = {
    request: await first(p.request.findFirst(inVgr), "request"),
    occasion: await first(p.occasion.findFirst(inVgr), "occasion"),
    invitation: await first(p.invitation.findFirst(inVgr), "invitation"),
    assignment: await first(p.assignment.findFirst(inVgr), "assignment"),
    feeClaim: await first(p.feeClaim.findFirst(inVgr), "fee claim"),
    payrollExport: await first(p.payrollExport.findFirst(inVgr), "payroll export"),
    dataSubjectRequest: await first(p.dataSubjectRequest.findFirst(inVgr), "data-subject request"),
    member: await first(p.member.findFirst(inVgr), "member"),
    network: await first(p.network.findFirst(inVgr), "network"),
    organisation: await first(p.organisation.findFirst(inVgr), "organisation"),
    membership: await first(p.membership.findFirst({ ...inVgr, where: { tenantId: vgr.id, status: "REGISTERED" } }), "membership"),
    patientOrganisation: await first(
      p.organisation.findFirst({ where: { tenantId: vgr.id, kind: "PATIENT_ORGANISATION" }, select: { id: true } }),
      "patient organisation",
    ),
    representation: await first(p.organisationRepresentation.findFirst(inVgr), "organisation representation"),
    invitee: (await p.invitation.findFirstOrThrow({ where: { tenantId: vgr.id }, select: { inviteeId: true } })).inviteeId as string,
    // Scenario: a VGR unit's direct booking named someone, awaiting VGR's coordinator.
    directBookingParticipant: (
      await p.directBookingParticipant.create({
        data: {
          tenantId: vgr.id,
          requestId: await first(p.request.findFirst(inVgr), "request"),
          position: 1,
          familyName: "Andersson",
          email: "named.by.a.unit@example.se",
          memberId: await first(p.member.findFirst(inVgr), "member"),
        },
        select: { id: true },
      })
    ).id,
  };
  // Scenario: a VGR unit recorded a participant from outside the pool on its direct booking (issue 21 item 7).
  foreign.outsidePoolParticipant = (
    await p.outsidePoolParticipant.create({
      data: {
        tenantId: vgr.id,
        requestId: foreign.request as string,
        givenName: "Lena",
        familyName: "Ek",
        organisation: "En patientförening",
        createdById: (await p.staffUser.findFirstOrThrow({ where: { tenantId: vgr.id }, select: { id: true } })).id,
      },
      select: { id: true },
    })
  ).id;
  // Scenario: VGR's coordinator booked an introduction meeting and logged a call (issue 21).
  const vgrMembership = await p.membership.findFirstOrThrow({ where: { tenantId: vgr.id, id: foreign.membership } });
  foreign.intakeAppointment = (
    await p.intakeAppointment.create({
      data: {
        tenantId: vgr.id,
        membershipId: vgrMembership.id,
        startsAt: new Date("2030-01-10T09:00:00Z"),
        place: "Regionens hus",
        note: "x",
      },
      select: { id: true },
    })
  ).id;
  await p.membershipFollowUp.create({
    data: {
      tenantId: vgr.id,
      membershipId: vgrMembership.id,
      contactedOn: new Date("2026-01-02T00:00:00Z"),
      channel: "PHONE",
      note: "Ringde",
      nextFollowUpOn: new Date("2026-01-09T00:00:00Z"),
    },
  });
  missing = Object.fromEntries(Object.keys(foreign).map((key) => [key, randomUUID()]));
  // Jönköping's own objects, for operations that take one own and one foreign id.
  const inJonkoping = { where: { tenantId: jonkoping.id }, select: { id: true } };
  // The coordinator must be able to see the own request, or the foreign member would never be looked up.
  const coordinatorSubject = JSON.parse(Buffer.from((tokens.coordinator as string).split(".")[1] ?? "", "base64url").toString()).sub;
  const grants = await p.roleGrant.findMany({
    where: { tenantId: jonkoping.id, role: "COORDINATOR", revokedAt: null, staffUser: { subject: coordinatorSubject } },
    select: { networkId: true },
  });
  const networkIds = grants.map((grant) => grant.networkId).filter((id): id is string => id !== null);
  const own = {
    ownRequest: await first(
      p.request.findFirst({
        ...inJonkoping,
        where: { tenantId: jonkoping.id, networkId: { in: networkIds }, status: { in: ["MATCHING", "PARTLY_FILLED"] } },
      }),
      "request open for invitations",
    ),
    ownMember: await first(p.member.findFirst(inJonkoping), "member"),
  };
  Object.assign(foreign, own);
  Object.assign(missing, own);
});

afterAll(async () => {
  await api?.stop();
});

function normalise(response: unknown, ids: Ids): unknown {
  let text = JSON.stringify(response);
  for (const [key, id] of Object.entries(ids)) if (!key.startsWith("own")) text = text.split(id).join(`<${key}>`);
  return JSON.parse(text);
}

/** NotFound in a payload, an unknown-reference field error, or simply nothing: the ways "no such object" is said. */
function saysAbsent(response: { data?: Record<string, unknown> | null }): boolean {
  if (/"(NOT_FOUND|UNKNOWN_REFERENCE|MEMBER_NOT_INVITABLE)"/.test(JSON.stringify(response))) return true;
  const values = Object.values(response.data ?? {});
  return (
    values.length > 0 &&
    values.every(
      (value) => value === null || (Array.isArray(value) && value.length === 0) || (value as { totalCount?: number }).totalCount === 0,
    )
  );
}

function codes(response: { errors?: Array<{ extensions?: { code?: string } }> }): string[] {
  return (response.errors ?? []).map((error) => error.extensions?.code ?? "?");
}

describe("new features: a foreign tenant's id answers exactly like a missing one", () => {
  it("holds for every query and mutation, and writes nothing in the foreign tenant", async () => {
    const vgr = await prisma().tenant.findUniqueOrThrow({ where: { slug: "vgr" } });
    const before = await foreignState(vgr.id);
    const mismatches: string[] = [];
    for (const testCase of CASES) {
      const token = tokens[testCase.role] as string;
      const absent = await api.graphql(testCase.query, { token, variables: testCase.variables(missing) });
      const alien = await api.graphql(testCase.query, { token, variables: testCase.variables(foreign) });
      // The attack must reach the operation: a refusal by role, a malformed document or a crash would prove nothing.
      const unreached = codes(absent).filter((code) => ["FORBIDDEN", "GRAPHQL_VALIDATION_FAILED", "INTERNAL_SERVER_ERROR"].includes(code));
      if (unreached.length > 0) {
        mismatches.push(`${testCase.name} did not reach the operation: ${JSON.stringify(absent)}`);
        continue;
      }
      if (!saysAbsent(absent)) {
        mismatches.push(`${testCase.name} does not answer a missing id as missing: ${JSON.stringify(absent)}`);
        continue;
      }
      const expected = normalise(absent, missing);
      const actual = normalise(alien, foreign);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(`${testCase.name}\n  missing: ${JSON.stringify(expected)}\n  foreign: ${JSON.stringify(actual)}`);
      }
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
    expect(await foreignState(vgr.id)).toBe(before);
  });
});
