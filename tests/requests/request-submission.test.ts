import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoAudience } from "@medverkan/database/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { RequestFilter, SubmitRequestInput, UpdateRequestInput } from "../generated/graphql.js";
import { auditEventsAbout } from "../support/audit-log.js";
import { everyRegionsAdmin } from "../support/configuration-admin.js";
import { fieldErrors } from "../support/errors.js";
import { occasionInDays, requestCount, requestInput } from "../support/requests.js";

// Issue 5, item 1: a requester submits a request with the fields the tenant's form requires and gets every field
// error at once in Swedish and English; requesters see their own unit's requests, coordinators their networks',
// another tenant nothing — a foreign request looks exactly like a missing one.

const SUBMIT = graphql(`mutation RequestSubmissionSubmit($input: SubmitRequestInput!) {
  submitRequest(input: $input) { request { id } errors { __typename ... on ErrorResult { code message } } } }`);
const UPDATE = graphql(`mutation RequestSubmissionUpdate($input: UpdateRequestInput!) {
  updateRequest(input: $input) { request { id title numberOfPersons version } errors { __typename ... on ErrorResult { code message } } } }`);
const READ = graphql(`query RequestSubmissionRead($id: ID!) {
  request(id: $id) { id status unitId networkId title version costCentreCode assignmentTypeKey contactPerson { name email phone }
    occasions { startsAt place } events { fromStatus toStatus } } }`);
const LIST = graphql(`query RequestSubmissionList($filter: RequestFilter, $first: Int, $after: String) {
  requests(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id unitId networkId status } } }`);
const COMPETENCES = graphql(`query RequestSubmissionCompetences($id: ID!) { request(id: $id) { competencesSought } }`);
const JONKOPING_FORM_FIELDS = graphql(`query RequestSubmissionJonkopingFormFields {
  tenant(slug: "jonkoping") { networks { nodes { requestForm { fields { field type maxItems } } } } } }`);

let api: TestApi;
const tokens: Record<string, string> = {};

const token = (name: string) => tokens[name] as string;

/** Every request in every region, as the regions' administrators count them: a refused submission adds none. */
const requestsInEveryRegion = async () => requestCount(api, await everyRegionsAdmin(api));

beforeAll(async () => {
  api = await startTestApi();
  tokens.jkpRequester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  tokens.jkpOtherUnit = await api.signToken({ subject: "jonkoping-requester-2", audience: demoAudience("jonkoping") });
  tokens.jkpLbCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  tokens.jkpPeerCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  tokens.jkpAdmin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  tokens.jkpAnalyst = await api.tokenFor({ tenant: "jonkoping", role: "analyst" });
  tokens.jkpMember = await api.tokenFor({ tenant: "jonkoping", role: "member" });
  tokens.kalmarRequester = await api.tokenFor({ tenant: "kalmar", role: "requester" });
  tokens.kalmarCoordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

type Overrides = Partial<SubmitRequestInput> & Record<string, unknown> & { networkSlug?: string };

/** A complete submission (requestInput) with these overrides, as `as`. */
async function submitResponse(as: string, overrides: Overrides = {}) {
  const input = await requestInput(api, token(as), overrides);
  return api.graphql(SUBMIT, { token: token(as), variables: { input } });
}

/** Submits a complete request as `as` and returns its id; throws with the errors if it was refused. */
async function submit(as: string, overrides: Overrides = {}): Promise<string> {
  const response = await submitResponse(as, overrides);
  const request = response.data?.submitRequest?.request;
  if (!request) throw new Error(`submitRequest failed: ${JSON.stringify(response.errors ?? response.data?.submitRequest?.errors)}`);
  return request.id;
}

async function update(as: string, input: UpdateRequestInput) {
  return api.graphql(UPDATE, { token: token(as), variables: { input } });
}

async function read(id: string, as: string) {
  const response = await api.graphql(READ, { token: token(as), variables: { id } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.request ?? null;
}

async function list(as: string, filter: RequestFilter = {}, first = 100) {
  const response = await api.graphql(LIST, { token: token(as), variables: { filter, first } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const requests = response.data?.requests;
  if (!requests) throw new Error("no requests page");
  return requests;
}

describe("submitting a request", () => {
  it("stores a complete request as SUBMITTED, with its occasions, history and the unit's own cost centre", async () => {
    const id = await submit("jkpRequester", { networkSlug: "levande-bibliotek" });
    const request = await read(id, "jkpRequester");
    expect(request).toMatchObject({
      status: "SUBMITTED",
      title: "Patientberättelse på arbetsplatsträff",
      version: 1,
      // Sara Holmgren's unit, Kardiologiska kliniken Ryhov (seed): billed to its own ansvarskod by default.
      costCentreCode: "421300",
      contactPerson: { name: "Kontakt Person", email: "kontakt.person@example.se", phone: "+46701234567" },
    });
    expect(request?.occasions).toHaveLength(1);
    expect(request?.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, "SUBMITTED"]]);
    // In every region's log, as its administrator reads it: the submission's WRITE, and nothing anywhere else.
    const audit = (await Promise.all((await everyRegionsAdmin(api)).map((admin) => auditEventsAbout(api, admin, id)))).flat();
    expect(audit.filter((event) => event.subjectType === "Request").map((event) => event.action)).toEqual(["WRITE"]);
  });

  it("gives every field error at once, in Swedish and English, and writes nothing", async () => {
    const before = await requestsInEveryRegion();
    const input = await requestInput(api, token("jkpRequester"), {
      title: "   ",
      numberOfPersons: 0,
      occasions: [{ ...occasionInDays(10), endsAt: occasionInDays(9).endsAt, place: null }],
      contactPerson: { name: "Kontakt", email: "inte-en-adress" },
    });
    for (const [language, expected] of [
      ["sv", "Rubrik måste fyllas i."],
      ["en", "Title is required."],
    ] as const) {
      const response = await api.graphql(SUBMIT, {
        token: token("jkpRequester"),
        variables: { input },
        headers: { "accept-language": language },
      });
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const errors = fieldErrors(response);
      expect(errors.map((e) => [e.field, e.code])).toEqual([
        ["input.title", "REQUIRED"],
        ["input.numberOfPersons", "OUT_OF_RANGE"],
        ["input.occasions[0].endsAt", "MUST_BE_AFTER"],
        ["input.occasions[0].place", "REQUIRED"],
        ["input.contactPerson.email", "INVALID_EMAIL"],
      ]);
      expect(errors[0]?.message).toBe(expected);
      expect(errors[0]?.messages).toEqual({ sv: "Rubrik måste fyllas i.", en: "Title is required." });
    }
    expect(await requestsInEveryRegion()).toBe(before);
  });

  it("asks for what the region's form requires: Jönköping's form wants audience size and occasions", async () => {
    const response = await submitResponse("jkpRequester", { audienceSize: null, occasions: [] });
    expect(fieldErrors(response).map((e) => [e.field, e.code])).toEqual([
      ["input.occasions", "TOO_FEW"],
      ["input.audienceSize", "REQUIRED"],
    ]);
  });

  it("keeps the competences Jönköping's form asks for, once each, and says how the field is answered", async () => {
    const id = await submit("jkpRequester", {
      networkSlug: "levande-bibliotek",
      competencesSought: [" Van att tala inför grupp ", "van att tala inför grupp", "Projektledning"],
    });
    const stored = await api.graphql(COMPETENCES, { token: token("jkpRequester"), variables: { id } });
    expect(stored.data?.request?.competencesSought).toEqual(["Van att tala inför grupp", "Projektledning"]);
    const form = await api.graphql(JONKOPING_FORM_FIELDS);
    const field = form.data?.tenant?.networks.nodes[0]?.requestForm?.fields.find((f) => f.field === "COMPETENCES_SOUGHT");
    expect(field).toEqual({ field: "COMPETENCES_SOUGHT", type: "TEXT_LIST", maxItems: 10 });
    const tooLong = await submitResponse("jkpRequester", { competencesSought: ["x".repeat(201)] });
    expect(fieldErrors(tooLong).map((e) => [e.field, e.code])).toEqual([["input.competencesSought[0]", "TOO_LONG"]]);
  });

  it("refuses occasions in the past, unknown assignment types and experience tags", async () => {
    const past = {
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() - 80_000_000).toISOString(),
      place: "Sal 1",
    };
    const response = await submitResponse("jkpRequester", {
      assignmentType: "NO_SUCH_TYPE",
      occasions: [past],
      experienceSought: { tagKeys: ["no-such-tag"], text: null },
    });
    expect(fieldErrors(response).map((e) => [e.field, e.code])).toEqual([
      ["input.assignmentType", "NOT_ALLOWED"],
      ["input.experienceSought.tagKeys[0]", "UNKNOWN_REFERENCE"],
      ["input.occasions[0].startsAt", "DATE_IN_PAST"],
    ]);
  });

  it("bills a cost centre of the unit's organisation or a shared one, never another organisation's", async () => {
    // 490900 is Jönköping's shared LPO cost centre; JK-7100 belongs to Jönköpings kommun.
    const shared = await submit("jkpRequester", { costCentre: "490900" });
    expect((await read(shared, "jkpRequester"))?.costCentreCode).toBe("490900");
    const foreign = await submitResponse("jkpRequester", { costCentre: "JK-7100" });
    expect(fieldErrors(foreign).map((e) => [e.field, e.code])).toEqual([["input.costCentre", "NOT_ALLOWED"]]);
    const unknown = await submitResponse("jkpRequester", { costCentre: "000000" });
    expect(fieldErrors(unknown).map((e) => [e.field, e.code])).toEqual([["input.costCentre", "UNKNOWN_REFERENCE"]]);
  });

  it("takes the unit from the requester's grant; coordinators and members cannot submit", async () => {
    const input = await requestInput(api, token("jkpRequester"));
    for (const who of ["jkpLbCoordinator", "jkpMember", "jkpAnalyst", "jkpAdmin"]) {
      const refused = await api.graphql(SUBMIT, { token: token(who), variables: { input } });
      expect(refused.errors?.[0]?.extensions?.code, who).toBe("FORBIDDEN");
    }
  });

  it("answers a network of another tenant as missing", async () => {
    const kalmarInput = await requestInput(api, token("kalmarRequester"));
    const input = await requestInput(api, token("jkpRequester"), { networkId: kalmarInput.networkId, assignmentType: "WORKSHOP" });
    const response = await api.graphql(SUBMIT, {
      token: token("jkpRequester"),
      variables: { input },
    });
    expect(response.data?.submitRequest).toMatchObject({ request: null, errors: [{ code: "NOT_FOUND" }] });
  });
});

describe("who sees which request", () => {
  let lbRequest: string;
  let peerRequest: string;
  let otherUnitRequest: string;
  let kalmarRequest: string;

  beforeAll(async () => {
    lbRequest = await submit("jkpRequester", { networkSlug: "levande-bibliotek", title: "LB-förfrågan" });
    peerRequest = await submit("jkpRequester", { networkSlug: "peer", title: "Peer-förfrågan" });
    otherUnitRequest = await submit("jkpOtherUnit", { networkSlug: "peer", title: "Psykiatrins förfrågan" });
    kalmarRequest = await submit("kalmarRequester");
  });

  it("a requester sees their own unit's requests only", async () => {
    const mine = await list("jkpRequester");
    const ids = mine.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([lbRequest, peerRequest]));
    expect(ids).not.toContain(otherUnitRequest);
    expect(new Set(mine.nodes.map((n) => n.unitId)).size).toBe(1);
    expect(mine.totalCount).toBe(mine.nodes.length);
    expect(await read(otherUnitRequest, "jkpRequester")).toBeNull();
    expect(await read(lbRequest, "jkpOtherUnit")).toBeNull();
  });

  it("a coordinator sees their own networks' requests only, of every unit", async () => {
    const peer = await list("jkpPeerCoordinator");
    const ids = peer.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([peerRequest, otherUnitRequest]));
    expect(ids).not.toContain(lbRequest);
    expect(new Set(peer.nodes.map((n) => n.networkId)).size).toBe(1);
    expect(await read(lbRequest, "jkpPeerCoordinator")).toBeNull();
    expect((await read(lbRequest, "jkpLbCoordinator"))?.id).toBe(lbRequest);
  });

  it("a tenant admin sees the whole tenant; an analyst and an uninvited member see nothing", async () => {
    const all = await list("jkpAdmin");
    expect(all.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([lbRequest, peerRequest, otherUnitRequest]));
    expect(all.nodes.map((n) => n.id)).not.toContain(kalmarRequest);
    expect((await list("jkpAnalyst")).totalCount).toBe(0);
    expect(await read(lbRequest, "jkpMember")).toBeNull();
  });

  it("another tenant's request looks missing to everyone, whatever their role", async () => {
    for (const who of ["jkpAdmin", "jkpLbCoordinator", "jkpPeerCoordinator", "jkpRequester"]) {
      expect(await read(kalmarRequest, who)).toBeNull();
    }
    expect(await read(lbRequest, "kalmarCoordinator")).toBeNull();
    expect(await read("not-a-uuid", "jkpAdmin")).toBeNull();
  });

  it("filters by status, network, unit and submission time, and pages with a cursor", async () => {
    const coordinatorView = await list("jkpAdmin", { status: ["SUBMITTED"], unitId: (await read(otherUnitRequest, "jkpAdmin"))?.unitId });
    expect(coordinatorView.nodes.map((n) => n.id)).toContain(otherUnitRequest);
    expect(coordinatorView.nodes.every((n) => n.status === "SUBMITTED")).toBe(true);
    const future = await list("jkpAdmin", { submittedFrom: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.totalCount).toBe(0);
    const first = await api.graphql(LIST, { token: token("jkpRequester"), variables: { first: 1 } });
    const page = first.data?.requests;
    expect(page?.nodes).toHaveLength(1);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    const second = await api.graphql(LIST, {
      token: token("jkpRequester"),
      variables: { first: 1, after: page?.pageInfo.endCursor },
    });
    expect(second.data?.requests?.nodes[0]?.id).not.toBe(page?.nodes[0]?.id);
  });
});

describe("changing a request before matching", () => {
  it("changes fields with the version read, refuses a stale version, and checks the whole form", async () => {
    const id = await submit("jkpRequester");
    const changed = await update("jkpRequester", { requestId: id, expectedVersion: 1, title: "Ny rubrik", numberOfPersons: 3 });
    expect(changed.data?.updateRequest?.request).toMatchObject({ title: "Ny rubrik", numberOfPersons: 3, version: 2 });
    const stale = await update("jkpRequester", { requestId: id, expectedVersion: 1, title: "Annan" });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const invalid = await update("jkpRequester", { requestId: id, expectedVersion: 2, purpose: "" });
    expect(fieldErrors(invalid).map((e) => [e.field, e.code])).toEqual([["input.purpose", "REQUIRED"]]);
    expect((await read(id, "jkpRequester"))?.title).toBe("Ny rubrik");
  });

  it("is not possible for another unit (looks missing)", async () => {
    const id = await submit("jkpRequester");
    const response = await update("jkpOtherUnit", { requestId: id, expectedVersion: 1, title: "Kapad" });
    expect(response.data?.updateRequest?.errors[0]?.code).toBe("NOT_FOUND");
  });
});
