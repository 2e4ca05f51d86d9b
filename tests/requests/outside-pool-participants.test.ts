import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoAudience } from "@medverkan/database/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";
import { RECORD_DIRECT_BOOKING } from "../support/requests.js";

// Issue 21 item 7, second half: where the region allows it (VGR recruits through patient and user organisations as
// well as its own pool), a unit records, on its own direct booking, a participant from outside the pool. Jönköping
// records pool members only and refuses it. The unit and the network's coordinators see the person; another unit
// and another tenant find nothing; the unit or a coordinator can remove the record.

let api: TestApi;
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] as string;
const prisma = () => api.running.database.prisma;

const PARTICIPANT_FIELDS = "id requestId givenName familyName email phone organisation createdAt";
const ADD = /* GraphQL */ `
  mutation Add($input: AddOutsidePoolParticipantInput!) {
    addOutsidePoolParticipant(input: $input) {
      participant { ${PARTICIPANT_FIELDS} }
      errors { __typename ... on ErrorResult { code message messageSv messageEn } }
    }
  }
`;
const REMOVE = /* GraphQL */ `
  mutation Remove($input: RemoveOutsidePoolParticipantInput!) {
    removeOutsidePoolParticipant(input: $input) {
      removedId
      errors { __typename ... on ErrorResult { code messageSv messageEn } }
    }
  }
`;
const OF_REQUEST = /* GraphQL */ `
  query Of($id: ID!) { request(id: $id) { id outsidePoolParticipants { ${PARTICIPANT_FIELDS} } } }
`;
const TENANT_SETTINGS = /* GraphQL */ `query { tenantSettings { allowsParticipantsOutsidePool version } }`;

type Participant = {
  id: string;
  requestId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  organisation: string | null;
};
type AddResponse = {
  addOutsidePoolParticipant: {
    participant: Participant | null;
    errors: Array<{ __typename: string; code: string; message: string; messageSv: string; messageEn: string }>;
  } | null;
};
type RemoveResponse = {
  removeOutsidePoolParticipant: { removedId: string | null; errors: Array<{ __typename: string; code: string }> } | null;
};
type OfRequest = { request: { id: string; outsidePoolParticipants: Participant[] } | null };

const yesterday = () => {
  const start = new Date(Date.now() - 30 * 3_600_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(), place: "Sal 3" };
};

async function directBooking(as: string, tenant: string, networkSlug: string): Promise<string> {
  const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: tenant }, slug: networkSlug } });
  const response = await api.graphql<{ recordDirectBooking: { request: { id: string } | null; errors: unknown[] } }>(
    RECORD_DIRECT_BOOKING,
    {
      token: token(as),
      variables: {
        input: {
          networkId: network.id,
          assignmentType: "WORKSHOP",
          title: "Patientberättelse på APT",
          purpose: "Enheten bjöd in en patientföreträdare via en patientförening.",
          occasions: [yesterday()],
          participants: [{ familyName: "Ek", email: "lena.ek@example.se" }],
        },
      },
    },
  );
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const id = response.data?.recordDirectBooking.request?.id;
  if (!id) throw new Error(`no direct booking: ${JSON.stringify(response.data)}`);
  return id;
}

const add = (as: string, input: Record<string, unknown>) => api.graphql<AddResponse>(ADD, { token: token(as), variables: { input } });
const remove = (as: string, id: string) => api.graphql<RemoveResponse>(REMOVE, { token: token(as), variables: { input: { id } } });
const read = (as: string, id: string) => api.graphql<OfRequest>(OF_REQUEST, { token: token(as), variables: { id } });

async function tenantIdAndId(id: string) {
  const row = await prisma().request.findFirstOrThrow({ where: { id }, select: { tenantId: true, id: true } });
  return row;
}

let vgrBooking: string;
let jonkopingBooking: string;

beforeAll(async () => {
  api = await startTestApi();
  tokens.vgrUnit = await api.tokenFor({ tenant: "vgr", role: "requester" });
  tokens.vgrOtherUnit = await api.signToken({ subject: "vgr-requester-2", audience: demoAudience("vgr") });
  tokens.vgrCoordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator", network: "levande-bibliotek" });
  tokens.vgrAdmin = await api.tokenFor({ tenant: "vgr", role: "tenant-admin" });
  tokens.jonkopingUnit = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  tokens.jonkopingAdmin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  vgrBooking = await directBooking("vgrUnit", "vgr", "levande-bibliotek");
  jonkopingBooking = await directBooking("jonkopingUnit", "jonkoping", "levande-bibliotek");
});

afterAll(async () => {
  await api?.stop();
});

describe("the tenant setting", () => {
  it("is on for Västra Götaland and off for Jönköping, public on Tenant and in the admin's settings", async () => {
    const vgr = await api.graphql<{ tenantSettings: { allowsParticipantsOutsidePool: boolean } }>(TENANT_SETTINGS, {
      token: token("vgrAdmin"),
    });
    expect(vgr.data?.tenantSettings.allowsParticipantsOutsidePool).toBe(true);
    const jonkoping = await api.graphql<{ tenantSettings: { allowsParticipantsOutsidePool: boolean } }>(TENANT_SETTINGS, {
      token: token("jonkopingAdmin"),
    });
    expect(jonkoping.data?.tenantSettings.allowsParticipantsOutsidePool).toBe(false);
    const publicTenant = await api.graphql<{ tenant: { allowsParticipantsOutsidePool: boolean } | null }>(
      `query($slug: String!) { tenant(slug: $slug) { allowsParticipantsOutsidePool } }`,
      { variables: { slug: "vgr" } },
    );
    expect(publicTenant.data?.tenant?.allowsParticipantsOutsidePool).toBe(true);
    const rows = await prisma().tenant.findMany({
      where: { slug: { in: ["vgr", "jonkoping"] } },
      select: { slug: true, allowsParticipantsOutsidePool: true },
    });
    expect(Object.fromEntries(rows.map((row) => [row.slug, row.allowsParticipantsOutsidePool]))).toEqual({ vgr: true, jonkoping: false });
  });
});

describe("recording a participant from outside the pool", () => {
  let recorded: Participant;

  it("VGR: the unit records a person from a patient organisation on its own direct booking", async () => {
    const response = await add("vgrUnit", {
      requestId: vgrBooking,
      givenName: " Lena ",
      familyName: "Ek",
      email: "Lena.Ek@Example.SE",
      phone: "070-123 45 67",
      organisation: "Hjärt- och Lungsjukas förening",
    });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.data?.addOutsidePoolParticipant?.errors).toEqual([]);
    const participant = response.data?.addOutsidePoolParticipant?.participant as Participant;
    expect(participant).toMatchObject({
      requestId: vgrBooking,
      givenName: "Lena",
      familyName: "Ek",
      email: "lena.ek@example.se",
      organisation: "Hjärt- och Lungsjukas förening",
    });
    expect(participant.phone).toBeTruthy();
    recorded = participant;
    // Audited as a write of the record, without the person's details in the trail.
    const events = await prisma().auditEvent.findMany({ where: { subjectType: "OutsidePoolParticipant", subjectId: participant.id } });
    expect(events.map((event) => event.action)).toEqual(["WRITE"]);
    expect(JSON.stringify(events[0]?.details)).not.toContain("Lena");
  });

  it("VGR: a booking may name nobody from the pool and carry only people from outside it; Jönköping still needs one", async () => {
    const network = (tenant: string) =>
      prisma().network.findFirstOrThrow({ where: { tenant: { slug: tenant }, slug: "levande-bibliotek" } });
    const book = async (as: string, tenant: string) =>
      api.graphql<{ recordDirectBooking: { request: { id: string } | null; errors: unknown[] } }>(RECORD_DIRECT_BOOKING, {
        token: token(as),
        variables: {
          input: {
            networkId: (await network(tenant)).id,
            assignmentType: "WORKSHOP",
            title: "Föreläsning av en föreningsrepresentant",
            purpose: "Enheten bjöd in en föreläsare via en patientförening.",
            occasions: [yesterday()],
            participants: [],
          },
        },
      });
    const onlyOutside = await book("vgrUnit", "vgr");
    expect(onlyOutside.errors, JSON.stringify(onlyOutside.errors)).toBeUndefined();
    const requestId = onlyOutside.data?.recordDirectBooking.request?.id as string;
    expect(requestId).toBeTruthy();
    const added = await add("vgrUnit", { requestId, givenName: "Omar", familyName: "Lind", organisation: "Reumatikerförbundet" });
    expect(added.data?.addOutsidePoolParticipant?.errors).toEqual([]);
    const seen = await read("vgrUnit", requestId);
    expect(seen.data?.request?.outsidePoolParticipants.map((p) => p.familyName)).toEqual(["Lind"]);
    expect(await prisma().directBookingParticipant.count({ where: { requestId } })).toBe(0);

    const refused = await book("jonkopingUnit", "jonkoping");
    expect(fieldErrors(refused).map((error) => [error.field, error.code])).toEqual([["input.participants", "TOO_FEW"]]);
  });

  it("refuses bad input with field errors in Swedish and English", async () => {
    const response = await add("vgrUnit", { requestId: vgrBooking, givenName: "", familyName: "Ek", email: "nope", phone: "call me" });
    const errors = fieldErrors(response);
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ["input.givenName", "REQUIRED"],
      ["input.email", "INVALID_EMAIL"],
      ["input.phone", "INVALID_PHONE"],
    ]);
    for (const error of errors) {
      expect(error.messages.sv).toBeTruthy();
      expect(error.messages.en).toBeTruthy();
    }
  });

  it("Jönköping: refused with a clear payload error, nothing stored", async () => {
    const before = await prisma().outsidePoolParticipant.count();
    const response = await add("jonkopingUnit", { requestId: jonkopingBooking, givenName: "Lena", familyName: "Ek" });
    expect(response.errors).toBeUndefined();
    const payload = response.data?.addOutsidePoolParticipant;
    expect(payload?.participant).toBeNull();
    expect(payload?.errors).toMatchObject([{ __typename: "OutsidePoolParticipantNotAllowed", code: "NOT_ALLOWED_IN_TENANT" }]);
    expect(payload?.errors[0]?.messageSv).toContain("egen pool");
    expect(payload?.errors[0]?.messageEn).toContain("own pool");
    expect(await prisma().outsidePoolParticipant.count()).toBe(before);
  });

  it("only on a direct booking", async () => {
    // An ordinary request of the same unit: arranged here as a booking that the unit did not recruit itself.
    const ordinary = await directBooking("vgrUnit", "vgr", "levande-bibliotek");
    await prisma().request.update({ where: { tenantId_id: await tenantIdAndId(ordinary) }, data: { directRecruitment: false } });
    const response = await add("vgrUnit", { requestId: ordinary, givenName: "Lena", familyName: "Ek" });
    expect(response.data?.addOutsidePoolParticipant?.errors).toMatchObject([
      { __typename: "OutsidePoolParticipantNotAllowed", code: "NOT_A_DIRECT_BOOKING" },
    ]);
  });

  it("another unit and another tenant get not found, and nothing is stored", async () => {
    const before = await prisma().outsidePoolParticipant.count();
    const otherUnit = await add("vgrOtherUnit", { requestId: vgrBooking, givenName: "Lena", familyName: "Ek" });
    expect(otherUnit.data?.addOutsidePoolParticipant?.errors).toMatchObject([{ __typename: "NotFound" }]);
    const otherTenant = await add("jonkopingUnit", { requestId: vgrBooking, givenName: "Lena", familyName: "Ek" });
    expect(otherTenant.data?.addOutsidePoolParticipant?.errors).toMatchObject([{ __typename: "NotFound" }]);
    expect(await prisma().outsidePoolParticipant.count()).toBe(before);
  });

  it("the unit and the network's coordinator see the person on the request; reads are audited", async () => {
    for (const who of ["vgrUnit", "vgrCoordinator"]) {
      const response = await read(who, vgrBooking);
      expect(response.errors, `${who}: ${JSON.stringify(response.errors)}`).toBeUndefined();
      expect(response.data?.request?.outsidePoolParticipants).toEqual([recorded]);
    }
    const reads = await prisma().auditEvent.count({
      where: { action: "READ", subjectType: "OutsidePoolParticipant", subjectId: recorded.id },
    });
    expect(reads).toBe(2);
  });

  it("another unit and another tenant do not find the request or the record", async () => {
    const otherUnit = await read("vgrOtherUnit", vgrBooking);
    expect(otherUnit.data?.request ?? null).toBeNull();
    const otherTenant = await read("jonkopingUnit", vgrBooking);
    expect(otherTenant.data?.request ?? null).toBeNull();
    for (const who of ["vgrOtherUnit", "jonkopingUnit"]) {
      const response = await remove(who, recorded.id);
      expect(response.data?.removeOutsidePoolParticipant).toMatchObject({ removedId: null, errors: [{ __typename: "NotFound" }] });
    }
    expect(await prisma().outsidePoolParticipant.count({ where: { id: recorded.id } })).toBe(1);
  });

  it("the coordinator can remove the record: deleted and audited as an erasure", async () => {
    const response = await remove("vgrCoordinator", recorded.id);
    expect(response.data?.removeOutsidePoolParticipant).toEqual({ removedId: recorded.id, errors: [] });
    expect(await prisma().outsidePoolParticipant.count({ where: { id: recorded.id } })).toBe(0);
    const erase = await prisma().auditEvent.count({
      where: { action: "ERASE", subjectType: "OutsidePoolParticipant", subjectId: recorded.id },
    });
    expect(erase).toBe(1);
    const again = await remove("vgrCoordinator", recorded.id);
    expect(again.data?.removeOutsidePoolParticipant?.errors).toMatchObject([{ __typename: "NotFound" }]);
    expect((await read("vgrUnit", vgrBooking)).data?.request?.outsidePoolParticipants).toEqual([]);
  });

  it("the unit can remove its own record too", async () => {
    const added = await add("vgrUnit", { requestId: vgrBooking, givenName: "Per", familyName: "Holm" });
    const id = added.data?.addOutsidePoolParticipant?.participant?.id as string;
    expect(id).toBeTruthy();
    const response = await remove("vgrUnit", id);
    expect(response.data?.removeOutsidePoolParticipant).toEqual({ removedId: id, errors: [] });
  });

  it("the admin can turn the setting off; the unit is then refused", async () => {
    const current = await api.graphql<{ tenantSettings: { version: number } }>(TENANT_SETTINGS, { token: token("vgrAdmin") });
    const update = await api.graphql<{ updateTenantSettings: { settings: { allowsParticipantsOutsidePool: boolean } | null } }>(
      `mutation U($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { settings { allowsParticipantsOutsidePool } } }`,
      {
        token: token("vgrAdmin"),
        variables: { input: { expectedVersion: current.data?.tenantSettings.version, allowsParticipantsOutsidePool: false } },
      },
    );
    expect(update.errors, JSON.stringify(update.errors)).toBeUndefined();
    expect(update.data?.updateTenantSettings.settings?.allowsParticipantsOutsidePool).toBe(false);
    const response = await add("vgrUnit", { requestId: vgrBooking, givenName: "Lena", familyName: "Ek" });
    expect(response.data?.addOutsidePoolParticipant?.errors).toMatchObject([{ code: "NOT_ALLOWED_IN_TENANT" }]);
  });
});
