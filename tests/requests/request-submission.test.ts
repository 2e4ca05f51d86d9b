import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoAudience } from "@medverkan/database/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";
import {
  occasionInDays,
  REQUEST,
  REQUESTS,
  requestInput,
  SUBMIT_REQUEST,
  submitRequest,
  submitRequestResponse,
  UPDATE_REQUEST,
} from "../support/requests.js";

// Issue 5, item 1: a requester submits a request with the fields the tenant's form requires and gets every field
// error at once in Swedish and English; requesters see their own unit's requests, coordinators their networks',
// another tenant nothing — a foreign request looks exactly like a missing one.

let api: TestApi;
const tokens: Record<string, string> = {};
const prisma = () => api.running.database.prisma;

const token = (name: string) => tokens[name] as string;

async function requestCount(): Promise<number> {
  return prisma().request.count();
}

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

interface RequestData {
  id: string;
  status: string;
  unitId: string;
  networkId: string;
  title: string;
  version: number;
  costCentreCode: string | null;
  assignmentTypeKey: string;
  contactPerson: { name: string; email: string; phone: string | null };
  occasions: Array<{ startsAt: string; place: string | null }>;
  events: Array<{ fromStatus: string | null; toStatus: string }>;
}

async function read(id: string, as: string) {
  const response = await api.graphql<{ request: RequestData | null }>(REQUEST, { token: token(as), variables: { id } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.request ?? null;
}

async function list(as: string, filter: Record<string, unknown> = {}, first = 100) {
  const response = await api.graphql<{
    requests: { totalCount: number; nodes: Array<{ id: string; unitId: string; networkId: string; status: string }> };
  }>(REQUESTS, { token: token(as), variables: { filter, first } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.requests as { totalCount: number; nodes: Array<{ id: string; unitId: string; networkId: string; status: string }> };
}

describe("submitting a request", () => {
  it("stores a complete request as SUBMITTED, with its occasions, history and the unit's own cost centre", async () => {
    const id = await submitRequest(api, token("jkpRequester"), { networkSlug: "levande-bibliotek" });
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
    const audit = await prisma().auditEvent.findMany({ where: { subjectType: "Request", subjectId: id } });
    expect(audit.map((event) => event.action)).toEqual(["WRITE"]);
  });

  it("gives every field error at once, in Swedish and English, and writes nothing", async () => {
    const before = await requestCount();
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
      const response = await api.graphql(SUBMIT_REQUEST, {
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
    expect(await requestCount()).toBe(before);
  });

  it("asks for what the region's form requires: Jönköping's form wants audience size and occasions", async () => {
    const response = await submitRequestResponse(api, token("jkpRequester"), { audienceSize: null, occasions: [] });
    expect(fieldErrors(response).map((e) => [e.field, e.code])).toEqual([
      ["input.occasions", "TOO_FEW"],
      ["input.audienceSize", "REQUIRED"],
    ]);
  });

  it("keeps the competences Jönköping's form asks for, once each, and says how the field is answered", async () => {
    const id = await submitRequest(api, token("jkpRequester"), {
      networkSlug: "levande-bibliotek",
      competencesSought: [" Van att tala inför grupp ", "van att tala inför grupp", "Projektledning"],
    });
    const stored = await api.graphql<{ request: { competencesSought: string[] } }>(
      `query($id: ID!) { request(id: $id) { competencesSought } }`,
      { token: token("jkpRequester"), variables: { id } },
    );
    expect(stored.data?.request.competencesSought).toEqual(["Van att tala inför grupp", "Projektledning"]);
    const form = await api.graphql<{
      tenant: { networks: { nodes: { requestForm: { fields: { field: string; type: string; maxItems: number | null }[] } }[] } };
    }>(`{ tenant(slug: "jonkoping") { networks { nodes { requestForm { fields { field type maxItems } } } } } }`);
    const field = form.data?.tenant.networks.nodes[0]?.requestForm.fields.find((f) => f.field === "COMPETENCES_SOUGHT");
    expect(field).toEqual({ field: "COMPETENCES_SOUGHT", type: "TEXT_LIST", maxItems: 10 });
    const tooLong = await submitRequestResponse(api, token("jkpRequester"), { competencesSought: ["x".repeat(201)] });
    expect(fieldErrors(tooLong).map((e) => [e.field, e.code])).toEqual([["input.competencesSought[0]", "TOO_LONG"]]);
  });

  it("refuses occasions in the past, unknown assignment types and experience tags", async () => {
    const past = {
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() - 80_000_000).toISOString(),
      place: "Sal 1",
    };
    const response = await submitRequestResponse(api, token("jkpRequester"), {
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
    const shared = await submitRequest(api, token("jkpRequester"), { costCentre: "490900" });
    expect((await read(shared, "jkpRequester"))?.costCentreCode).toBe("490900");
    const foreign = await submitRequestResponse(api, token("jkpRequester"), { costCentre: "JK-7100" });
    expect(fieldErrors(foreign).map((e) => [e.field, e.code])).toEqual([["input.costCentre", "NOT_ALLOWED"]]);
    const unknown = await submitRequestResponse(api, token("jkpRequester"), { costCentre: "000000" });
    expect(fieldErrors(unknown).map((e) => [e.field, e.code])).toEqual([["input.costCentre", "UNKNOWN_REFERENCE"]]);
  });

  it("takes the unit from the requester's grant; coordinators and members cannot submit", async () => {
    const input = await requestInput(api, token("jkpRequester"));
    for (const who of ["jkpLbCoordinator", "jkpMember", "jkpAnalyst", "jkpAdmin"]) {
      const refused = await api.graphql(SUBMIT_REQUEST, { token: token(who), variables: { input } });
      expect(refused.errors?.[0]?.extensions?.code, who).toBe("FORBIDDEN");
    }
  });

  it("answers a network of another tenant as missing", async () => {
    const kalmarInput = await requestInput(api, token("kalmarRequester"));
    const input = await requestInput(api, token("jkpRequester"), { networkId: kalmarInput.networkId, assignmentType: "WORKSHOP" });
    const response = await api.graphql<{ submitRequest: { request: null; errors: Array<{ code: string }> } }>(SUBMIT_REQUEST, {
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
    lbRequest = await submitRequest(api, token("jkpRequester"), { networkSlug: "levande-bibliotek", title: "LB-förfrågan" });
    peerRequest = await submitRequest(api, token("jkpRequester"), { networkSlug: "peer", title: "Peer-förfrågan" });
    otherUnitRequest = await submitRequest(api, token("jkpOtherUnit"), { networkSlug: "peer", title: "Psykiatrins förfrågan" });
    kalmarRequest = await submitRequest(api, token("kalmarRequester"));
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
    const first = await api.graphql<{
      requests: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string }> };
    }>(REQUESTS, { token: token("jkpRequester"), variables: { first: 1 } });
    const page = first.data?.requests;
    expect(page?.nodes).toHaveLength(1);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    const second = await api.graphql<{ requests: { nodes: Array<{ id: string }> } }>(REQUESTS, {
      token: token("jkpRequester"),
      variables: { first: 1, after: page?.pageInfo.endCursor },
    });
    expect(second.data?.requests.nodes[0]?.id).not.toBe(page?.nodes[0]?.id);
  });
});

describe("changing a request before matching", () => {
  it("changes fields with the version read, refuses a stale version, and checks the whole form", async () => {
    const id = await submitRequest(api, token("jkpRequester"));
    const changed = await api.graphql<{ updateRequest: { request: { title: string; numberOfPersons: number; version: number } | null } }>(
      UPDATE_REQUEST,
      { token: token("jkpRequester"), variables: { input: { requestId: id, expectedVersion: 1, title: "Ny rubrik", numberOfPersons: 3 } } },
    );
    expect(changed.data?.updateRequest.request).toMatchObject({ title: "Ny rubrik", numberOfPersons: 3, version: 2 });
    const stale = await api.graphql(UPDATE_REQUEST, {
      token: token("jkpRequester"),
      variables: { input: { requestId: id, expectedVersion: 1, title: "Annan" } },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const invalid = await api.graphql(UPDATE_REQUEST, {
      token: token("jkpRequester"),
      variables: { input: { requestId: id, expectedVersion: 2, purpose: "" } },
    });
    expect(fieldErrors(invalid).map((e) => [e.field, e.code])).toEqual([["input.purpose", "REQUIRED"]]);
    expect((await read(id, "jkpRequester"))?.title).toBe("Ny rubrik");
  });

  it("is not possible for another unit (looks missing)", async () => {
    const id = await submitRequest(api, token("jkpRequester"));
    const response = await api.graphql<{ updateRequest: { errors: Array<{ code: string }> } }>(UPDATE_REQUEST, {
      token: token("jkpOtherUnit"),
      variables: { input: { requestId: id, expectedVersion: 1, title: "Kapad" } },
    });
    expect(response.data?.updateRequest.errors[0]?.code).toBe("NOT_FOUND");
  });
});
