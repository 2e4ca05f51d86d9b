import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accept,
  activePool,
  contactSharingVersion,
  INVITE,
  type InvitationView,
  memberTokens,
  mutate as mutatePayload,
  query,
  REQUEST_INVITATIONS,
} from "../invitations/invitations.js";
import { startMatching, submitRequest } from "../support/requests.js";
import { CREATE_SESSION, digitalSession, type Session, UPDATE_SESSION } from "../training/training.js";

// Issue 22 findings 10 and 11 (SECURITY.md, reliability: optimistic concurrency on updates, no lost update; parallel
// acceptances never over-fill). Before: `updateTrainingSession` had no `expectedVersion`, so two editors from the same
// read both succeeded and the second silently overwrote the first; and under simultaneous acceptances the
// `waitlistPosition` in the answers disagreed with the waiting list as committed (ordered by a time taken before the
// request's lock, read after commit). Both run on PGlite and, with TEST_DATABASE_URL, on PostgreSQL, where the
// acceptances truly run side by side.

let api: TestApi;
const prisma = () => api.running.database.prisma;

beforeAll(async () => {
  api = await startTestApi({ rateLimits: { respondToInvitation: { points: 1_000, windowSeconds: 60 } } });
});

afterAll(async () => {
  await api?.stop();
});

describe("updateTrainingSession: stale version → CONFLICT, no lost update", () => {
  let admin: string;
  let coordinator: string;
  let session: Session;

  beforeAll(async () => {
    admin = await api.tokenFor({ tenant: "vgr", role: "tenant-admin" });
    coordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
    const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: "vgr" }, slug: "levande-bibliotek" } });
    const created = await api.graphql<{ createTrainingSession: { session: Session } }>(CREATE_SESSION, {
      token: admin,
      variables: { input: digitalSession(network.id, { title: "Introduktion", capacity: 10 }) },
    });
    expect(created.errors).toBeUndefined();
    session = created.data?.createTrainingSession.session as Session;
    expect(session.version).toBe(1);
  });

  const update = (token: string, input: Record<string, unknown>) =>
    api.graphql<{ updateTrainingSession: { session: Session | null } }>(UPDATE_SESSION, {
      token,
      variables: { input: { id: session.id, ...input } },
    });

  it("refuses the second of two editors who read the same version, and keeps the first one's change", async () => {
    const first = await update(admin, { expectedVersion: session.version, title: "Introduktion (flyttad)" });
    expect(first.errors).toBeUndefined();
    expect(first.data?.updateTrainingSession.session).toMatchObject({ title: "Introduktion (flyttad)", version: session.version + 1 });

    const second = await update(coordinator, { expectedVersion: session.version, capacity: 4 });
    expect(second.errors?.map((error) => error.extensions?.code)).toEqual(["CONFLICT"]);
    const messages = second.errors?.[0]?.extensions?.messages as { sv?: string; en?: string };
    expect(messages.sv).toBeTruthy();
    expect(messages.en).toBeTruthy();
    const row = await prisma().trainingSession.findFirstOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ title: "Introduktion (flyttad)", capacity: 10, version: session.version + 1 });
  });

  it("lets exactly one of two simultaneous editors win", async () => {
    const current = (await prisma().trainingSession.findFirstOrThrow({ where: { id: session.id } })).version;
    const answers = await Promise.all([
      update(admin, { expectedVersion: current, title: "Admin ändrade" }),
      update(coordinator, { expectedVersion: current, title: "Koordinatorn ändrade" }),
    ]);
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "OK"]);
    const winner = answers.find((answer) => !answer.errors)?.data?.updateTrainingSession.session;
    const row = await prisma().trainingSession.findFirstOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ title: winner?.title, version: current + 1 });
  });
});

describe("waiting-list positions under simultaneous acceptances", () => {
  it("answers each of 14 waiting members the position they hold in the committed waiting list", async () => {
    const coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
    const requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
    const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: "jonkoping" }, slug: "levande-bibliotek" } });
    const version = await contactSharingVersion(api, "jonkoping");
    // 16 members for 2 places (the seeded network has 19 free active members).
    const pool = await activePool(api, coordinator, network.id, 16);
    const tokens = await memberTokens(api, "jonkoping", pool);

    const requestId = await submitRequest(api, requester, { networkSlug: "levande-bibliotek", numberOfPersons: 2 });
    await startMatching(api, coordinator, requestId);
    const sent = await mutatePayload<{ invitations: InvitationView[] }>(api, coordinator, INVITE, {
      requestId,
      memberIds: pool,
      message: "Hej! Passar det här dig?",
    });
    expect(sent.errors).toEqual([]);
    const invitations = sent.invitations;
    expect(invitations).toHaveLength(16);

    const answers = await Promise.all(
      invitations.map((invitation) => accept(api, tokens.get(invitation.invitee.memberId) as string, invitation.id, version)),
    );
    for (const answer of answers) expect(answer.errors).toEqual([]);
    const waiting = answers.map((answer) => answer.invitation).filter((invitation) => invitation?.status === "WAITLISTED");
    expect(answers.filter((answer) => answer.invitation?.status === "ACCEPTED")).toHaveLength(2);
    expect(waiting).toHaveLength(14);

    // The waiting list as committed, as the coordinator sees it.
    const committed = await query<{
      request: { invitations: { nodes: Array<{ id: string; status: string; waitlistPosition: number | null }> } };
    }>(api, coordinator, REQUEST_INVITATIONS, { id: requestId });
    const positionOf = new Map(
      committed.request.invitations.nodes.filter((node) => node.status === "WAITLISTED").map((node) => [node.id, node.waitlistPosition]),
    );
    expect([...positionOf.values()].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const wrong = waiting.filter((invitation) => invitation && positionOf.get(invitation.id) !== invitation.waitlistPosition);
    expect(
      wrong.map((invitation) => ({ answered: invitation?.waitlistPosition, committed: positionOf.get(invitation?.id as string) })),
    ).toEqual([]);
  });
});
