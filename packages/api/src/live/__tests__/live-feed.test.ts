import { GraphQLError } from "graphql";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { type LiveEvent, LiveEventHub, parseLiveEvent } from "../live-event.js";
import { LiveFeed, type LiveSession } from "../live-feed.js";

const T = "01900000-0000-7000-8000-00000000000a";
const OTHER_T = "01900000-0000-7000-8000-00000000000b";
const ID = "01900000-0000-7000-8000-000000000001";
const M = "01900000-0000-7000-8000-000000000002";

/** A hub that is not listening on any database: `dispatch` plays the part of NOTIFY. */
function hub(): Promise<LiveEventHub> {
  const fake = { listen: async () => async () => undefined } as unknown as Parameters<typeof LiveEventHub.start>[0];
  return LiveEventHub.start(fake, pino({ level: "silent" }));
}

const announce = (target: LiveEventHub, event: Record<string, string>) => target.dispatch(JSON.stringify(event));

describe("change announcements", () => {
  it("are read as ids only; anything else on the channel is ignored", () => {
    expect(parseLiveEvent(JSON.stringify({ t: T, e: "Invitation", id: ID, m: M }))).toEqual({
      tenantId: T,
      entity: "Invitation",
      id: ID,
      memberId: M,
    });
    expect(parseLiveEvent("not json")).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ t: T, e: "Member", id: ID }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ t: T, e: "Invitation", id: ID, m: "Anna Andersson" }))).toBeNull();
  });
});

describe("a subscription's feed", () => {
  const session = (target: LiveEventHub, allowed = true): LiveSession => ({ hub: target, refresh: async () => allowed });

  it("reads each wanted change of its own tenant again, and skips what the reader does not return", async () => {
    const target = await hub();
    const feed = new LiveFeed(
      session(target),
      T,
      (event) => event.entity === "Invitation",
      async (event: LiveEvent) => (event.memberId === M ? event.id : null),
    );
    const next = feed.next();
    announce(target, { t: OTHER_T, e: "Invitation", id: ID, m: M });
    announce(target, { t: T, e: "Request", id: ID });
    announce(target, { t: T, e: "Invitation", id: "01900000-0000-7000-8000-000000000003" });
    announce(target, { t: T, e: "Invitation", id: ID, m: M });
    expect(await next).toEqual({ value: ID, done: false });
    await feed.return();
    expect(target.size).toBe(0);
  });

  it("ends at once when returned while waiting, and when the caller may no longer be served", async () => {
    const target = await hub();
    const waiting = new LiveFeed(
      session(target),
      T,
      () => true,
      async () => "x",
    ).next();
    const feed = new LiveFeed(
      session(target),
      T,
      () => true,
      async () => "x",
    );
    const pending = feed.next();
    await feed.return();
    expect(await pending).toEqual({ value: undefined, done: true });

    const refused = new LiveFeed(
      session(target, false),
      T,
      () => true,
      async () => "x",
    );
    const refusedNext = refused.next();
    announce(target, { t: T, e: "Request", id: ID });
    expect(await refusedNext).toEqual({ value: undefined, done: true });
    expect(await waiting).toEqual({ value: "x", done: false });

    const forbidden = new LiveFeed(
      session(target),
      T,
      () => true,
      async () => {
        throw new GraphQLError("Forbidden", { extensions: { code: "FORBIDDEN" } });
      },
    );
    const forbiddenNext = forbidden.next();
    announce(target, { t: T, e: "Request", id: ID });
    expect(await forbiddenNext).toEqual({ value: undefined, done: true });
  });
});

describe("a feed resuming from a point in time", () => {
  const session = (target: LiveEventHub): LiveSession => ({ hub: target, refresh: async () => true });
  const id = (n: number) => `01900000-0000-7000-8000-00000000010${n}`;

  it("sends what was written before it listened first, then what is announced, each change once", async () => {
    const target = await hub();
    let answerReplay: (events: LiveEvent[]) => void = () => undefined;
    const feed = new LiveFeed(
      session(target),
      T,
      () => true,
      async (event: LiveEvent) => event.id,
      () => new Promise<LiveEvent[]>((resolve) => (answerReplay = resolve)),
    );
    // Announced while the earlier changes are still being read: one of them (id 2) is also among those.
    announce(target, { t: T, e: "InboxNotification", id: id(2), m: M });
    announce(target, { t: T, e: "InboxNotification", id: id(3), m: M });
    const first = feed.next();
    answerReplay([1, 2].map((n) => ({ tenantId: T, entity: "InboxNotification" as const, id: id(n), memberId: M })));
    const received = [await first, await feed.next(), await feed.next()].map((result) => result.value);
    expect(received).toEqual([id(1), id(2), id(3)]);
    const fourth = feed.next();
    announce(target, { t: T, e: "InboxNotification", id: id(4), m: M });
    expect((await fourth).value).toBe(id(4));
    await feed.return();
  });

  it("fails its first read when the earlier changes cannot be read", async () => {
    const target = await hub();
    const feed = new LiveFeed(
      session(target),
      T,
      () => true,
      async () => "x",
      async () => {
        throw new Error("database unavailable");
      },
    );
    await expect(feed.next()).rejects.toThrow("database unavailable");
    await feed.return();
  });
});

describe("configuration", () => {
  it("reads the session connection for LISTEN from DATABASE_DIRECT_URL, else uses DATABASE_URL", () => {
    const pooled = "postgresql://api@pgbouncer:6432/medverkan";
    const direct = "postgresql://api@postgres:5432/medverkan";
    expect(loadConfig({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct }, []).databaseDirectUrl).toBe(direct);
    expect(loadConfig({ DATABASE_URL: pooled }, []).databaseDirectUrl).toBeNull();
  });
});
