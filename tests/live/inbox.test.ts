import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accept, activePool, contactSharingVersion, INVITE, memberTokens, mutate, query } from "../invitations/invitations.js";
import { type PublicTenant, publicTenant } from "../support/registration.js";
import { startMatching, submitRequest } from "../support/requests.js";

// Issue 17: the in-app inbox beside e-mail. The events that queue an e-mail leave a line, without personal data, in
// the inbox of each person who reads it in Medverkan; each reads their own only, and marks lines read or unread.

const INBOX = /* GraphQL */ `query($unreadOnly: Boolean) { myInbox { unreadCount
  notifications(first: 50, unreadOnly: $unreadOnly) { totalCount nodes { id kind title summary subjectType subjectId createdAt readAt read } } } }`;
const MARK = /* GraphQL */ `mutation($input: MarkInboxNotificationsInput!) { markInboxNotifications(input: $input) {
  notifications { id read readAt } unreadCount errors { __typename ... on ErrorResult { code message } } } }`;
const MARK_ALL = /* GraphQL */ `mutation { markAllInboxNotificationsRead { marked unreadCount } }`;

interface Line {
  id: string;
  kind: string;
  title: string;
  summary: string;
  subjectType: string | null;
  subjectId: string | null;
  read: boolean;
}
type Inbox = { myInbox: { unreadCount: number; notifications: { totalCount: number; nodes: Line[] } } };

let api: TestApi;
let jonkoping: PublicTenant;
const tokens = {} as Record<"requester" | "otherUnit" | "library" | "peer" | "vgrMember" | "member" | "otherMember", string>;
let memberId: string;
let invitationId: string;
let requestId: string;

const inbox = async (token: string, unreadOnly = false) => (await query<Inbox>(api, token, INBOX, { unreadOnly })).myInbox;

beforeAll(async () => {
  api = await startTestApi();
  jonkoping = await publicTenant(api, "jonkoping");
  const libraryId = jonkoping.networks.nodes.find((network) => network.slug === "levande-bibliotek")?.id as string;
  tokens.requester = await api.tokenFor({ tenant: "jonkoping", subject: "jonkoping-requester-1" });
  tokens.otherUnit = await api.tokenFor({ tenant: "jonkoping", subject: "jonkoping-requester-2" });
  tokens.library = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  tokens.peer = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  tokens.vgrMember = await api.tokenFor({ tenant: "vgr", role: "member" });
  const pool = await activePool(api, tokens.library, libraryId, 2);
  memberId = pool[0] as string;
  const members = await memberTokens(api, "jonkoping", pool);
  tokens.member = members.get(memberId) as string;
  tokens.otherMember = members.get(pool[1] as string) as string;

  requestId = await submitRequest(api, tokens.requester, { networkSlug: "levande-bibliotek" });
  await startMatching(api, tokens.library, requestId);
  const invited = await mutate<{ invitations: Array<{ id: string }> }>(api, tokens.library, INVITE, {
    requestId,
    memberIds: [memberId],
    message: "Hej Anna, vill du berätta?",
  });
  invitationId = invited.invitations[0]?.id as string;
  await accept(api, tokens.member, invitationId, await contactSharingVersion(api, "jonkoping"));
});

afterAll(async () => {
  await api?.stop();
});

describe("the in-app inbox", () => {
  it("has a line beside each e-mail, pointing at what it is about, with no personal data", async () => {
    const member = await inbox(tokens.member);
    const invitation = member.notifications.nodes.find((line) => line.kind === "INVITATION");
    expect(invitation).toMatchObject({ subjectType: "INVITATION", subjectId: invitationId, read: false, title: "Förfrågan om medverkan" });
    expect(invitation?.summary).toContain("Patientberättelse på arbetsplatsträff");
    expect(invitation?.summary).not.toContain("Anna");
    expect(member.unreadCount).toBe(member.notifications.nodes.filter((line) => !line.read).length);

    // The coordinator hears of the answer; the unit's requester of the released contact details — each in their inbox.
    const coordinator = await inbox(tokens.library);
    const answered = coordinator.notifications.nodes.find((line) => line.subjectId === invitationId && line.kind === "INVITATION_ANSWERED");
    expect(answered?.summary).toMatch(/tackat ja/);
    const requester = await inbox(tokens.requester);
    const released = requester.notifications.nodes.find((line) => line.kind === "CONTACT_DETAILS_RELEASED");
    expect(released).toMatchObject({ subjectType: "REQUEST", subjectId: requestId });
    const me = await query<{ me: { member: { givenName: string; familyName: string; email: string } } }>(
      api,
      tokens.member,
      `query { me { member { givenName familyName email } } }`,
    );
    for (const line of [...coordinator.notifications.nodes, ...requester.notifications.nodes]) {
      expect(line.summary).not.toContain(me.me.member.familyName);
      expect(line.summary).not.toContain(me.me.member.email);
    }
  });

  it("is each person's own: another member, another unit, another network and another tenant see none of these lines", async () => {
    const ids = new Set(
      [...(await inbox(tokens.member)).notifications.nodes, ...(await inbox(tokens.library)).notifications.nodes].map((line) => line.id),
    );
    for (const token of [tokens.otherMember, tokens.otherUnit, tokens.peer, tokens.vgrMember]) {
      for (const line of (await inbox(token as string)).notifications.nodes) expect(ids.has(line.id)).toBe(false);
    }
    const requesterLines = (await inbox(tokens.requester)).notifications.nodes.map((line) => line.id);
    for (const line of (await inbox(tokens.otherUnit)).notifications.nodes) expect(requesterLines).not.toContain(line.id);
  });

  it("marks lines read and unread again, and all read", async () => {
    const before = await inbox(tokens.member);
    const line = before.notifications.nodes.find((candidate) => !candidate.read) as Line;
    const read = await mutate<{ notifications: Array<{ id: string; read: boolean; readAt: string | null }>; unreadCount: number }>(
      api,
      tokens.member,
      MARK,
      { ids: [line.id], read: true },
    );
    expect(read.errors).toEqual([]);
    expect(read.notifications).toEqual([{ id: line.id, read: true, readAt: expect.any(String) }]);
    expect(read.unreadCount).toBe(before.unreadCount - 1);
    expect((await inbox(tokens.member, true)).notifications.nodes.map((node) => node.id)).not.toContain(line.id);

    const unread = await mutate<{ notifications: Array<{ read: boolean; readAt: string | null }>; unreadCount: number }>(
      api,
      tokens.member,
      MARK,
      { ids: [line.id], read: false },
    );
    expect(unread.notifications).toEqual([{ id: line.id, read: false, readAt: null }]);
    expect(unread.unreadCount).toBe(before.unreadCount);

    const response = await api.graphql<{ markAllInboxNotificationsRead: { marked: number; unreadCount: number } }>(MARK_ALL, {
      token: tokens.member,
    });
    const all = response.data?.markAllInboxNotificationsRead as { marked: number; unreadCount: number };
    expect(all.marked).toBe(before.unreadCount);
    expect(all.unreadCount).toBe(0);
    expect((await inbox(tokens.member)).unreadCount).toBe(0);
  });

  it("refuses someone else's line exactly like a missing one, and changes nothing", async () => {
    const coordinatorLine = (await inbox(tokens.library)).notifications.nodes[0] as Line;
    const missing = "01900000-0000-7000-8000-000000000000";
    const foreign = await mutate<{ errors: Array<{ code: string; message: string }>; notifications: unknown[] }>(api, tokens.member, MARK, {
      ids: [coordinatorLine.id],
      read: true,
    });
    const none = await mutate<{ errors: Array<{ code: string; message: string }>; notifications: unknown[] }>(api, tokens.member, MARK, {
      ids: [missing],
      read: true,
    });
    expect(foreign.errors).toEqual(none.errors);
    expect(foreign.errors[0]?.code).toBe("NOT_FOUND");
    expect(foreign.notifications).toEqual([]);
    const after = (await inbox(tokens.library)).notifications.nodes.find((line) => line.id === coordinatorLine.id);
    expect(after?.read).toBe(coordinatorLine.read);
  });

  it("is for members and staff only; anonymous callers must sign in", async () => {
    const anonymous = await api.graphql(INBOX, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const operator = await api.graphql(INBOX, { token: await api.tokenFor({ role: "platform-operator" }) });
    expect(operator.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
