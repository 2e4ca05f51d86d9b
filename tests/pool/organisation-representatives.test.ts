import { readFileSync } from "node:fs";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTACT_SHARING_TEXT, memberTokens, WITHDRAW_CONSENT } from "../invitations/invitations.js";
import { RECORD_DIRECT_BOOKING } from "../support/requests.js";

// Issue 21 item 4 (VGR, seeds/001: a patient representative from a patient or user organisation "har mandat att
// representera" it). A member's mandate is linked to one of the tenant's patient organisations, with its terms; a
// coordinator of the member's networks records or confirms it; the member sees it in Mina sidor; the requesting unit
// sees a current, confirmed mandate beside the participant's released contact — and only there.

let api: TestApi;
let coordinator: string;
let requester: string;
let admin: string;
let jonkopingCoordinator: string;
let memberToken: string;
let otherMemberToken: string;
let vgrId: string;
let networkId: string;
let member: { id: string; familyName: string; email: string };

const prisma = () => api.running.database.prisma;
const ERRORS = "errors { __typename ... on ErrorResult { code message messageSv messageEn } }";
const REPRESENTATION =
  "id memberId organisationId organisationName status validFrom validTo current covers networkIds assignmentTypes proposedBy version";
const PAYLOAD = `representation { ${REPRESENTATION} } ${ERRORS}`;
const mutation = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { ${PAYLOAD} } }`;
const RECORD = mutation("recordOrganisationRepresentation", "RecordRepresentationInput");
const PROPOSE = mutation("proposeMyOrganisationRepresentation", "ProposeMyRepresentationInput");
const CONFIRM = mutation("confirmOrganisationRepresentation", "DecideRepresentationInput");
const REJECT = mutation("rejectOrganisationRepresentation", "DecideRepresentationInput");
const END = mutation("endOrganisationRepresentation", "EndRepresentationInput");
const ADD_ORGANISATION = `mutation($input: AddPatientOrganisationInput!) { addPatientOrganisation(input: $input) { patientOrganisation { id name retiredAt } ${ERRORS} } }`;
const RETIRE_ORGANISATION = `mutation($input: RetirePatientOrganisationInput!) { retirePatientOrganisation(input: $input) { patientOrganisation { id name retiredAt } ${ERRORS} } }`;
const ORGANISATIONS = `query { patientOrganisations { id name } }`;
const MINE = `query { myOrganisationRepresentations { ${REPRESENTATION} } }`;
const ON_MEMBER = `query($id: ID!) { member(id: $id) { id representations { ${REPRESENTATION} } } }`;
const PARTICIPANTS = `query($id: ID!) { request(id: $id) { participants { assignmentId givenName familyName email representing { organisationName validFrom validTo covers } } } }`;
const CONFIRM_MINE = `mutation($input: DecideDirectBookingParticipantInput!) { confirmMyDirectBooking(input: $input) { participant { id status } ${ERRORS} } }`;

type Rep = { id: string; status: string; current: boolean; validTo: string | null; organisationName: string; version: number };
type Payload = { representation: Rep | null; errors: Array<{ code: string; messageSv: string; messageEn: string }> };
type Participant = { givenName: string; email: string | null; representing: Array<{ organisationName: string; covers: string | null }> };

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator", network: "levande-bibliotek" });
  requester = await api.tokenFor({ tenant: "vgr", role: "requester" });
  admin = await api.tokenFor({ tenant: "vgr", role: "tenant-admin" });
  jonkopingCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
  const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: "vgr" }, slug: "levande-bibliotek" } });
  vgrId = network.tenantId;
  networkId = network.id;
  const [one, two] = await prisma().member.findMany({
    where: {
      tenantId: vgrId,
      email: { not: null },
      erasedAt: null,
      restrictedAt: null,
      organisationRepresented: null,
      memberships: { some: { networkId, status: "ACTIVE" } },
    },
    orderBy: { id: "asc" },
    take: 2,
    select: { id: true, familyName: true, email: true },
  });
  if (!one || !two) throw new Error("the seed has too few active VGR members");
  member = { id: one.id, familyName: one.familyName, email: one.email as string };
  const tokens = await memberTokens(api, "vgr", [one.id, two.id]);
  memberToken = tokens.get(one.id) as string;
  otherMemberToken = tokens.get(two.id) as string;
});

afterAll(async () => {
  await api?.stop();
});

async function organisationId(name: string): Promise<string> {
  return (await prisma().organisation.findFirstOrThrow({ where: { tenantId: vgrId, name }, select: { id: true } })).id;
}

describe("the tenant's patient and user organisations", () => {
  it("are seeded for VGR, read by staff and members, kept by coordinators and admins", async () => {
    const listed = await api.graphql<{ patientOrganisations: Array<{ name: string }> }>(ORGANISATIONS, { token: memberToken });
    expect(listed.data?.patientOrganisations.map((o) => o.name)).toContain("Hjärt- och Lungsjukas Riksförbund");

    const added = await api.graphql<{ addPatientOrganisation: { patientOrganisation: { id: string } | null; errors: unknown[] } }>(
      ADD_ORGANISATION,
      { token: coordinator, variables: { input: { name: "  Riksförbundet Sällsynta diagnoser " } } },
    );
    expect(added.data?.addPatientOrganisation).toMatchObject({
      errors: [],
      patientOrganisation: { name: "Riksförbundet Sällsynta diagnoser" },
    });
    const again = await api.graphql<{ addPatientOrganisation: { errors: Array<{ code: string }> } }>(ADD_ORGANISATION, {
      token: admin,
      variables: { input: { name: "riksförbundet sällsynta diagnoser" } },
    });
    expect(again.data?.addPatientOrganisation.errors[0]?.code).toBe("NAME_TAKEN");
    const blank = await api.graphql(ADD_ORGANISATION, { token: coordinator, variables: { input: { name: "   " } } });
    expect(blank.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(blank.errors?.[0]?.extensions)).toContain("Namn");

    // A member or a unit keeps nothing; a coordinator cannot retire the region's own organisations through this path.
    for (const token of [memberToken, requester]) {
      const refused = await api.graphql(ADD_ORGANISATION, { token, variables: { input: { name: "Påhittad förening" } } });
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const regionUnit = await prisma().organisation.findFirstOrThrow({ where: { tenantId: vgrId, kind: "REGION_UNIT" } });
    const notMine = await api.graphql<{ retirePatientOrganisation: { errors: Array<{ code: string }> } }>(RETIRE_ORGANISATION, {
      token: coordinator,
      variables: { input: { id: regionUnit.id } },
    });
    expect(notMine.data?.retirePatientOrganisation.errors[0]?.code).toBe("NOT_FOUND");
    const retired = await api.graphql<{ retirePatientOrganisation: { patientOrganisation: { retiredAt: string | null } } }>(
      RETIRE_ORGANISATION,
      { token: coordinator, variables: { input: { id: added.data?.addPatientOrganisation.patientOrganisation?.id } } },
    );
    expect(retired.data?.retirePatientOrganisation.patientOrganisation.retiredAt).not.toBeNull();
  });

  it("the seeded representatives hold confirmed mandates, and their own words are kept", async () => {
    const seeded = await prisma().organisationRepresentation.findMany({
      where: { tenantId: vgrId },
      include: { member: { select: { organisationRepresented: true } }, organisation: { select: { name: true } } },
    });
    expect(seeded.length).toBeGreaterThan(0);
    for (const row of seeded) expect(row.member.organisationRepresented?.trim()).toBe(row.organisation.name);
  });
});

describe("the migration of the free-text field", () => {
  it("turns each member's free text into a proposed representation of a patient organisation, losing nothing", async () => {
    const heart = await organisationId("Hjärt- och Lungsjukas Riksförbund");
    const seededBefore = await prisma().organisationRepresentation.count({ where: { tenantId: vgrId } });
    const base = { tenantId: vgrId, givenName: "Fri", perspectives: ["PATIENT" as const] };
    const typedNew = await prisma().member.create({
      data: { ...base, familyName: "Text-Ett", organisationRepresented: " Föreningen Migrerad Text " },
    });
    const typedKnown = await prisma().member.create({
      data: { ...base, familyName: "Text-Två", organisationRepresented: "Hjärt- och Lungsjukas Riksförbund" },
    });
    const region = await prisma().organisation.findFirstOrThrow({ where: { tenantId: vgrId, kind: "REGION_UNIT" } });
    const typedRegion = await prisma().member.create({ data: { ...base, familyName: "Text-Tre", organisationRepresented: region.name } });

    // The data part of the migration, as it ran on the databases that had the free text (it is written to run again).
    const sql = readFileSync(
      new URL("../../prisma/migrations/20261208120001_organisation_representations/migration.sql", import.meta.url),
      "utf8",
    );
    const data = sql.slice(sql.indexOf("-- Carry the free text over"));
    for (const statement of data
      .split(";")
      .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
      .filter(Boolean))
      await prisma().$executeRawUnsafe(statement);

    const created = await prisma().organisation.findFirstOrThrow({ where: { tenantId: vgrId, name: "Föreningen Migrerad Text" } });
    expect(created.kind).toBe("PATIENT_ORGANISATION");
    const of = (memberId: string) => prisma().organisationRepresentation.findMany({ where: { tenantId: vgrId, memberId } });
    expect(await of(typedNew.id)).toMatchObject([{ organisationId: created.id, status: "PROPOSED", proposedBy: "MEMBER" }]);
    expect(await of(typedKnown.id)).toMatchObject([{ organisationId: heart, status: "PROPOSED" }]);
    // A name taken by the region's own unit is no patient organisation: it stays the member's words only.
    expect(await of(typedRegion.id)).toEqual([]);
    // Nothing lost, nothing doubled: the free text stays, and the seeded mandates were not proposed a second time.
    expect(
      (await prisma().member.findUniqueOrThrow({ where: { tenantId_id: { tenantId: vgrId, id: typedNew.id } } })).organisationRepresented,
    ).toBe(" Föreningen Migrerad Text ");
    expect(await prisma().organisationRepresentation.count({ where: { tenantId: vgrId } })).toBe(seededBefore + 2);
  });
});

describe("a member's mandate", () => {
  let proposedId: string;

  it("is proposed by the member, refused with Swedish and English messages when the terms are wrong", async () => {
    const heart = await organisationId("Hjärt- och Lungsjukas Riksförbund");
    const backwards = await api.graphql(PROPOSE, {
      token: memberToken,
      variables: { input: { organisationId: heart, validFrom: "2026-06-01", validTo: "2026-05-01" } },
    });
    expect(backwards.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fieldErrors = backwards.errors?.[0]?.extensions?.fieldErrors as Array<{
      field: string;
      code: string;
      messageSv?: string;
      messageEn?: string;
    }>;
    expect(fieldErrors).toMatchObject([{ field: "input.validTo", code: "MUST_BE_AFTER" }]);
    expect(JSON.stringify(fieldErrors)).toContain("Mandatet gäller till");
    expect(JSON.stringify(fieldErrors)).toContain("Mandate valid to");

    const region = await prisma().organisation.findFirstOrThrow({ where: { tenantId: vgrId, kind: "REGION_UNIT" } });
    const wrongKind = await api.graphql<{ proposeMyOrganisationRepresentation: Payload }>(PROPOSE, {
      token: memberToken,
      variables: { input: { organisationId: region.id, validFrom: today() } },
    });
    expect(wrongKind.data?.proposeMyOrganisationRepresentation.errors[0]).toMatchObject({ code: "NOT_A_PATIENT_ORGANISATION" });
    expect(wrongKind.data?.proposeMyOrganisationRepresentation.errors[0]?.messageSv).toContain("patient- eller brukarorganisation");

    const proposed = await api.graphql<{ proposeMyOrganisationRepresentation: Payload }>(PROPOSE, {
      token: memberToken,
      variables: { input: { organisationId: heart, validFrom: "2020-01-01", covers: "Hjärtrehabilitering" } },
    });
    expect(proposed.data?.proposeMyOrganisationRepresentation).toMatchObject({
      errors: [],
      representation: { status: "PROPOSED", current: false, organisationName: "Hjärt- och Lungsjukas Riksförbund" },
    });
    proposedId = proposed.data?.proposeMyOrganisationRepresentation.representation?.id as string;
    const twice = await api.graphql<{ proposeMyOrganisationRepresentation: Payload }>(PROPOSE, {
      token: memberToken,
      variables: { input: { organisationId: heart, validFrom: today() } },
    });
    expect(twice.data?.proposeMyOrganisationRepresentation.errors[0]?.code).toBe("ALREADY_REPRESENTS");

    const mine = await api.graphql<{ myOrganisationRepresentations: Rep[] }>(MINE, { token: memberToken });
    expect(mine.data?.myOrganisationRepresentations.map((r) => r.id)).toEqual([proposedId]);
    const others = await api.graphql<{ myOrganisationRepresentations: Rep[] }>(MINE, { token: otherMemberToken });
    expect(others.data?.myOrganisationRepresentations.some((r) => r.id === proposedId)).toBe(false);
  });

  it("is confirmed by a coordinator of the member's network only, and the decision is audited", async () => {
    // Another tenant's coordinator: not found, exactly like an id that does not exist.
    for (const id of [proposedId, "0190f000-0000-7000-8000-000000000000"]) {
      const foreign = await api.graphql<{ confirmOrganisationRepresentation: Payload }>(CONFIRM, {
        token: jonkopingCoordinator,
        variables: { input: { id } },
      });
      expect(foreign.data?.confirmOrganisationRepresentation).toMatchObject({ representation: null, errors: [{ code: "NOT_FOUND" }] });
    }
    const unit = await api.graphql(CONFIRM, { token: requester, variables: { input: { id: proposedId } } });
    expect(unit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const notYet = await api.graphql<{ endOrganisationRepresentation: Payload }>(END, {
      token: coordinator,
      variables: { input: { id: proposedId, validTo: today() } },
    });
    expect(notYet.data?.endOrganisationRepresentation.errors[0]?.code).toBe("NOT_CONFIRMED");

    const confirmed = await api.graphql<{ confirmOrganisationRepresentation: Payload }>(CONFIRM, {
      token: coordinator,
      variables: { input: { id: proposedId, expectedVersion: 1, covers: "Hjärtsjukvård och rehabilitering", networkIds: [networkId] } },
    });
    expect(confirmed.data?.confirmOrganisationRepresentation).toMatchObject({
      errors: [],
      representation: { status: "CONFIRMED", current: true, covers: "Hjärtsjukvård och rehabilitering", networkIds: [networkId] },
    });
    const decidedTwice = await api.graphql<{ rejectOrganisationRepresentation: Payload }>(REJECT, {
      token: coordinator,
      variables: { input: { id: proposedId } },
    });
    expect(decidedTwice.data?.rejectOrganisationRepresentation.errors[0]?.code).toBe("ALREADY_DECIDED");

    // Pool search: "represents organisation X" finds members with a confirmed, current mandate for it.
    const SEARCH = `query($f: MemberSearchInput) { members(filter: $f, first: 100) { totalCount nodes { id } } }`;
    type Found = { members: { totalCount: number; nodes: Array<{ id: string }> } };
    const heartId = await organisationId("Hjärt- och Lungsjukas Riksförbund");
    const found = await api.graphql<Found>(SEARCH, { token: coordinator, variables: { f: { representsOrganisationId: heartId } } });
    expect(found.data?.members.nodes.map((n) => n.id)).toContain(member.id);
    const none = await api.graphql<Found>(SEARCH, {
      token: coordinator,
      variables: { f: { representsOrganisationId: "0190f000-0000-7000-8000-000000000000" } },
    });
    expect(none.data?.members.totalCount).toBe(0);
    const notAnId = await api.graphql<Found>(SEARCH, { token: coordinator, variables: { f: { representsOrganisationId: "x" } } });
    expect(notAnId.data?.members.totalCount).toBe(0);

    const onMember = await api.graphql<{ member: { representations: Rep[] } }>(ON_MEMBER, {
      token: coordinator,
      variables: { id: member.id },
    });
    expect(onMember.data?.member.representations).toMatchObject([{ id: proposedId, status: "CONFIRMED", current: true }]);
    const audit = await prisma().auditEvent.findMany({
      where: { tenantId: vgrId, subjectType: "OrganisationRepresentation", subjectId: proposedId },
      select: { actorType: true, purpose: true },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(audit.map((event) => [event.actorType, event.purpose])).toEqual([
      ["MEMBER", "organisation representation proposed by the member"],
      ["STAFF", "organisation representation: confirm"],
    ]);
  });

  it("is shown to the unit beside the released contact only, and not once it has ended", async () => {
    const occasionStart = new Date(Date.now() - 30 * 3_600_000);
    const booking = await api.graphql<{ recordDirectBooking: { request: { id: string } } }>(RECORD_DIRECT_BOOKING, {
      token: requester,
      variables: {
        input: {
          networkId,
          assignmentType: "WORKSHOP",
          title: "Workshop om hjärtrehabilitering",
          purpose: "Enheten bjöd in en representant den kände till.",
          occasions: [
            { startsAt: occasionStart.toISOString(), endsAt: new Date(occasionStart.getTime() + 7_200_000).toISOString(), place: "Sal 2" },
          ],
          participants: [{ familyName: member.familyName, email: member.email }],
        },
      },
    });
    const requestId = booking.data?.recordDirectBooking.request.id as string;
    const participants = async () =>
      ((await api.graphql<{ request: { participants: Participant[] } }>(PARTICIPANTS, { token: requester, variables: { id: requestId } }))
        .data?.request.participants ?? []) as Participant[];
    // Before the member confirms and consents, the unit sees no one — and so no organisation either.
    expect(await participants()).toEqual([]);

    const pending = await prisma().directBookingParticipant.findFirstOrThrow({ where: { requestId }, select: { id: true } });
    const text = await api.graphql<{ tenant: { currentConsentText: { version: string } } }>(CONTACT_SHARING_TEXT, {
      variables: { slug: "vgr" },
    });
    const confirmed = await api.graphql<{ confirmMyDirectBooking: { errors: unknown[] } }>(CONFIRM_MINE, {
      token: memberToken,
      variables: { input: { id: pending.id, contactConsentTextVersion: text.data?.tenant.currentConsentText.version } },
    });
    expect(confirmed.data?.confirmMyDirectBooking.errors).toEqual([]);
    expect(await participants()).toMatchObject([
      {
        email: member.email,
        representing: [{ organisationName: "Hjärt- och Lungsjukas Riksförbund", covers: "Hjärtsjukvård och rehabilitering" }],
      },
    ]);

    // The mandate ended yesterday: the contact is still released, the organisation no longer shown as current.
    const ended = await api.graphql<{ endOrganisationRepresentation: Payload }>(END, {
      token: coordinator,
      variables: { input: { id: proposedId, validTo: daysFromToday(-1) } },
    });
    expect(ended.data?.endOrganisationRepresentation).toMatchObject({ errors: [], representation: { current: false } });
    expect(await participants()).toMatchObject([{ email: member.email, representing: [] }]);

    // A new mandate for another network is not this request's: not shown either.
    const other = await api.graphql<{ recordOrganisationRepresentation: Payload }>(RECORD, {
      token: coordinator,
      variables: {
        input: {
          memberId: member.id,
          organisationId: await organisationId("Hjärt- och Lungsjukas Riksförbund"),
          validFrom: today(),
          networkIds: [networkId],
          assignmentTypes: ["CONFERENCE"],
        },
      },
    });
    expect(other.data?.recordOrganisationRepresentation).toMatchObject({
      errors: [],
      representation: { status: "CONFIRMED", current: true },
    });
    expect(await participants()).toMatchObject([{ representing: [] }]);
    const unknownType = await api.graphql(RECORD, {
      token: coordinator,
      variables: {
        input: {
          memberId: member.id,
          organisationId: await organisationId("Hjärt- och Lungsjukas Riksförbund"),
          validFrom: today(),
          assignmentTypes: ["NO_SUCH_TYPE"],
        },
      },
    });
    expect(unknownType.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    // The member withdraws the consent: no contact, and nothing of the organisation either.
    const invitation = await prisma().invitation.findFirstOrThrow({ where: { requestId, memberId: member.id }, select: { id: true } });
    await api.graphql(WITHDRAW_CONSENT, { token: memberToken, variables: { input: { invitationId: invitation.id } } });
    expect(await participants()).toEqual([]);
  });
});

describe("network isolation", () => {
  it("a coordinator of another network neither records nor reads a member's mandate", async () => {
    const jonkoping = await prisma().tenant.findUniqueOrThrow({ where: { slug: "jonkoping" } });
    const [peer, library] = await Promise.all(
      ["peer", "levande-bibliotek"].map((slug) => prisma().network.findFirstOrThrow({ where: { tenantId: jonkoping.id, slug } })),
    );
    const onlyLibrary = await prisma().member.findFirstOrThrow({
      where: {
        tenantId: jonkoping.id,
        erasedAt: null,
        restrictedAt: null,
        memberships: { some: { networkId: library?.id }, none: { networkId: peer?.id } },
      },
      select: { id: true },
    });
    const peerCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
    const libraryCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
    const added = await api.graphql<{ addPatientOrganisation: { patientOrganisation: { id: string } } }>(ADD_ORGANISATION, {
      token: libraryCoordinator,
      variables: { input: { name: "Attention Jönköping" } },
    });
    const input = {
      memberId: onlyLibrary.id,
      organisationId: added.data?.addPatientOrganisation.patientOrganisation.id,
      validFrom: today(),
    };

    const refused = await api.graphql<{ recordOrganisationRepresentation: Payload }>(RECORD, {
      token: peerCoordinator,
      variables: { input },
    });
    expect(refused.data?.recordOrganisationRepresentation).toMatchObject({ representation: null, errors: [{ code: "NOT_FOUND" }] });
    const recorded = await api.graphql<{ recordOrganisationRepresentation: Payload }>(RECORD, {
      token: libraryCoordinator,
      variables: { input },
    });
    expect(recorded.data?.recordOrganisationRepresentation).toMatchObject({ errors: [], representation: { status: "CONFIRMED" } });
    const id = recorded.data?.recordOrganisationRepresentation.representation?.id as string;
    const ended = await api.graphql<{ endOrganisationRepresentation: Payload }>(END, {
      token: peerCoordinator,
      variables: { input: { id, validTo: today() } },
    });
    expect(ended.data?.endOrganisationRepresentation).toMatchObject({ representation: null, errors: [{ code: "NOT_FOUND" }] });
    const read = await api.graphql<{ member: unknown }>(ON_MEMBER, { token: peerCoordinator, variables: { id: onlyLibrary.id } });
    expect(read.data?.member ?? null).toBeNull();
    expect(JSON.stringify(read)).not.toContain(id);
  });
});
