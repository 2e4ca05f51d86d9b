import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoAudience } from "@medverkan/database/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type {
  AddOutsidePoolParticipantInput,
  OutsidePoolAddMutation,
  RecordDirectBookingInput,
  UpdateTenantSettingsInput,
} from "../generated/graphql.js";
import { auditEventsAbout } from "../support/audit-log.js";
import { outsidePoolParticipantsStored } from "../support/database-checks.js";
import { fieldErrors } from "../support/errors.js";
import { submitRequest } from "../support/requests.js";
import { networkId } from "../support/scenarios.js";

// Issue 21 item 7, second half: where the region allows it (VGR recruits through patient and user organisations as
// well as its own pool), a unit records, on its own direct booking, a participant from outside the pool. Jönköping
// records pool members only and refuses it. The unit and the network's coordinators see the person; another unit
// and another tenant find nothing; the unit or a coordinator can remove the record.

let api: TestApi;
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] as string;

const ADD = graphql(`
  mutation OutsidePoolAdd($input: AddOutsidePoolParticipantInput!) {
    addOutsidePoolParticipant(input: $input) {
      participant { id requestId givenName familyName email phone organisation createdAt }
      errors { __typename ... on ErrorResult { code message messageSv messageEn } }
    }
  }
`);
const REMOVE = graphql(`
  mutation OutsidePoolRemove($input: RemoveOutsidePoolParticipantInput!) {
    removeOutsidePoolParticipant(input: $input) {
      removedId
      errors { __typename ... on ErrorResult { code messageSv messageEn } }
    }
  }
`);
const OF_REQUEST = graphql(`
  query OutsidePoolOfRequest($id: ID!) {
    request(id: $id) { id outsidePoolParticipants { id requestId givenName familyName email phone organisation createdAt } }
  }
`);
const TENANT_SETTINGS = graphql(`query OutsidePoolTenantSettings { tenantSettings { allowsParticipantsOutsidePool version } }`);
const PUBLIC_TENANT_SETTING = graphql(
  `query OutsidePoolPublicTenant($slug: String!) { tenant(slug: $slug) { allowsParticipantsOutsidePool } }`,
);
const UPDATE_TENANT_SETTINGS = graphql(`
  mutation OutsidePoolUpdateTenantSettings($input: UpdateTenantSettingsInput!) {
    updateTenantSettings(input: $input) { settings { allowsParticipantsOutsidePool } }
  }
`);
const RECORD_DIRECT_BOOKING = graphql(`
  mutation OutsidePoolRecordDirectBooking($input: RecordDirectBookingInput!) {
    recordDirectBooking(input: $input) { request { id } errors { __typename ... on ErrorResult { code message } } }
  }
`);
const TO_CONFIRM = graphql(`query OutsidePoolDirectBookingsToConfirm { directBookingParticipantsToConfirm { id requestId } }`);

type Participant = NonNullable<OutsidePoolAddMutation["addOutsidePoolParticipant"]["participant"]>;

const yesterday = () => {
  const start = new Date(Date.now() - 30 * 3_600_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(), place: "Sal 3" };
};

async function book(as: string, networkSlug: string, booking: Omit<RecordDirectBookingInput, "networkId">) {
  const input: RecordDirectBookingInput = { networkId: await networkId(api, token(as), networkSlug), ...booking };
  return api.graphql(RECORD_DIRECT_BOOKING, { token: token(as), variables: { input } });
}

async function directBooking(as: string, networkSlug: string): Promise<string> {
  const response = await book(as, networkSlug, {
    assignmentType: "WORKSHOP",
    title: "Patientberättelse på APT",
    purpose: "Enheten bjöd in en patientföreträdare via en patientförening.",
    occasions: [yesterday()],
    participants: [{ familyName: "Ek", email: "lena.ek@example.se" }],
  });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const id = response.data?.recordDirectBooking.request?.id;
  if (!id) throw new Error(`no direct booking: ${JSON.stringify(response.data)}`);
  return id;
}

const add = (as: string, input: AddOutsidePoolParticipantInput) => api.graphql(ADD, { token: token(as), variables: { input } });
const remove = (as: string, id: string) => api.graphql(REMOVE, { token: token(as), variables: { input: { id } } });
const read = (as: string, id: string) => api.graphql(OF_REQUEST, { token: token(as), variables: { id } });

/** The audit events about one participant from outside the pool, as VGR's administrator reads the log. */
const auditedAbout = async (id: string) =>
  (await auditEventsAbout(api, token("vgrAdmin"), id)).filter((event) => event.subjectType === "OutsidePoolParticipant");

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
  vgrBooking = await directBooking("vgrUnit", "levande-bibliotek");
  jonkopingBooking = await directBooking("jonkopingUnit", "levande-bibliotek");
});

afterAll(async () => {
  await api?.stop();
});

describe("the tenant setting", () => {
  it("is on for Västra Götaland and off for Jönköping, public on Tenant and in the admin's settings", async () => {
    const vgr = await api.graphql(TENANT_SETTINGS, { token: token("vgrAdmin") });
    expect(vgr.data?.tenantSettings?.allowsParticipantsOutsidePool).toBe(true);
    const jonkoping = await api.graphql(TENANT_SETTINGS, { token: token("jonkopingAdmin") });
    expect(jonkoping.data?.tenantSettings?.allowsParticipantsOutsidePool).toBe(false);
    const publicTenant = await api.graphql(PUBLIC_TENANT_SETTING, { variables: { slug: "vgr" } });
    expect(publicTenant.data?.tenant?.allowsParticipantsOutsidePool).toBe(true);
    // Both tenants as anyone reads them on the public Tenant (which reads the stored setting).
    const publicSetting = async (slug: string) =>
      (await api.graphql(PUBLIC_TENANT_SETTING, { variables: { slug } })).data?.tenant?.allowsParticipantsOutsidePool;
    expect({ vgr: await publicSetting("vgr"), jonkoping: await publicSetting("jonkoping") }).toEqual({ vgr: true, jonkoping: false });
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
    const events = await auditedAbout(participant.id);
    expect(events.map((event) => event.action)).toEqual(["WRITE"]);
    expect(JSON.stringify(events[0]?.details)).not.toContain("Lena");
  });

  it("VGR: a booking may name nobody from the pool and carry only people from outside it; Jönköping still needs one", async () => {
    const bookNobodyFromThePool = (as: string) =>
      book(as, "levande-bibliotek", {
        assignmentType: "WORKSHOP",
        title: "Föreläsning av en föreningsrepresentant",
        purpose: "Enheten bjöd in en föreläsare via en patientförening.",
        occasions: [yesterday()],
        participants: [],
      });
    const onlyOutside = await bookNobodyFromThePool("vgrUnit");
    expect(onlyOutside.errors, JSON.stringify(onlyOutside.errors)).toBeUndefined();
    const requestId = onlyOutside.data?.recordDirectBooking.request?.id as string;
    expect(requestId).toBeTruthy();
    const added = await add("vgrUnit", { requestId, givenName: "Omar", familyName: "Lind", organisation: "Reumatikerförbundet" });
    expect(added.data?.addOutsidePoolParticipant?.errors).toEqual([]);
    const seen = await read("vgrUnit", requestId);
    expect(seen.data?.request?.outsidePoolParticipants.map((p) => p.familyName)).toEqual(["Lind"]);
    // No pool member named: the network's coordinator has nobody of this booking to confirm.
    const toConfirm = await api.graphql(TO_CONFIRM, { token: token("vgrCoordinator") });
    expect(toConfirm.errors, JSON.stringify(toConfirm.errors)).toBeUndefined();
    expect(toConfirm.data?.directBookingParticipantsToConfirm?.filter((participant) => participant.requestId === requestId)).toEqual([]);

    const refused = await bookNobodyFromThePool("jonkopingUnit");
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
    const before = await outsidePoolParticipantsStored(api);
    const response = await add("jonkopingUnit", { requestId: jonkopingBooking, givenName: "Lena", familyName: "Ek" });
    expect(response.errors).toBeUndefined();
    const payload = response.data?.addOutsidePoolParticipant;
    expect(payload?.participant).toBeNull();
    expect(payload?.errors).toMatchObject([{ __typename: "OutsidePoolParticipantNotAllowed", code: "NOT_ALLOWED_IN_TENANT" }]);
    expect(payload?.errors[0]?.messageSv).toContain("egen pool");
    expect(payload?.errors[0]?.messageEn).toContain("own pool");
    expect(await outsidePoolParticipantsStored(api)).toBe(before);
  });

  it("only on a direct booking", async () => {
    // An ordinary request of the same unit, submitted to the network for it to recruit (not a direct booking).
    const ordinary = await submitRequest(api, token("vgrUnit"), { networkSlug: "levande-bibliotek" });
    const response = await add("vgrUnit", { requestId: ordinary, givenName: "Lena", familyName: "Ek" });
    expect(response.data?.addOutsidePoolParticipant?.errors).toMatchObject([
      { __typename: "OutsidePoolParticipantNotAllowed", code: "NOT_A_DIRECT_BOOKING" },
    ]);
  });

  it("another unit and another tenant get not found, and nothing is stored", async () => {
    const before = await outsidePoolParticipantsStored(api);
    const otherUnit = await add("vgrOtherUnit", { requestId: vgrBooking, givenName: "Lena", familyName: "Ek" });
    expect(otherUnit.data?.addOutsidePoolParticipant?.errors).toMatchObject([{ __typename: "NotFound" }]);
    const otherTenant = await add("jonkopingUnit", { requestId: vgrBooking, givenName: "Lena", familyName: "Ek" });
    expect(otherTenant.data?.addOutsidePoolParticipant?.errors).toMatchObject([{ __typename: "NotFound" }]);
    expect(await outsidePoolParticipantsStored(api)).toBe(before);
  });

  it("the unit and the network's coordinator see the person on the request; reads are audited", async () => {
    for (const who of ["vgrUnit", "vgrCoordinator"]) {
      const response = await read(who, vgrBooking);
      expect(response.errors, `${who}: ${JSON.stringify(response.errors)}`).toBeUndefined();
      expect(response.data?.request?.outsidePoolParticipants).toEqual([recorded]);
    }
    const reads = (await auditedAbout(recorded.id)).filter((event) => event.action === "READ").length;
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
    // Still there, unchanged, as the unit reads its booking.
    expect((await read("vgrUnit", vgrBooking)).data?.request?.outsidePoolParticipants).toEqual([recorded]);
  });

  it("the coordinator can remove the record: deleted and audited as an erasure", async () => {
    const response = await remove("vgrCoordinator", recorded.id);
    expect(response.data?.removeOutsidePoolParticipant).toEqual({ removedId: recorded.id, errors: [] });
    expect(await outsidePoolParticipantsStored(api, recorded.id)).toBe(0);
    const erase = (await auditedAbout(recorded.id)).filter((event) => event.action === "ERASE").length;
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
    const current = await api.graphql(TENANT_SETTINGS, { token: token("vgrAdmin") });
    const input: UpdateTenantSettingsInput = {
      expectedVersion: current.data?.tenantSettings?.version as number,
      allowsParticipantsOutsidePool: false,
    };
    const update = await api.graphql(UPDATE_TENANT_SETTINGS, { token: token("vgrAdmin"), variables: { input } });
    expect(update.errors, JSON.stringify(update.errors)).toBeUndefined();
    expect(update.data?.updateTenantSettings.settings?.allowsParticipantsOutsidePool).toBe(false);
    const response = await add("vgrUnit", { requestId: vgrBooking, givenName: "Lena", familyName: "Ek" });
    expect(response.data?.addOutsidePoolParticipant?.errors).toMatchObject([{ code: "NOT_ALLOWED_IN_TENANT" }]);
  });
});
