import type { GraphQLError } from "graphql";
import type { LiveEvent, LiveEventHub } from "./live-event.js";

/** Changes waiting for a slow subscriber; beyond this the oldest are dropped (the same row changing again merges). */
export const MAX_PENDING_EVENTS = 500;

/** What a subscription needs from its connection: the announcements, and a fresh check of the caller per change. */
export interface LiveSession {
  readonly hub: LiveEventHub;
  /**
   * Re-authenticates the connection's token (signature, expiry, the account and its grants, as on every HTTP request)
   * and gives the context a fresh actor, loaders and permission cache. False when the caller may no longer be served:
   * the connection is then being closed (4401).
   */
  refresh(): Promise<boolean>;
}

const DONE: IteratorResult<never> = { value: undefined, done: true };

/**
 * The stream behind one subscription: the announcements `wanted` picks (ids only), and for each, after the caller
 * was checked again, what `read` finds through the normal authorised path — nothing when the caller may not see it
 * (or no longer exists). A FORBIDDEN from `read` (a grant revoked meanwhile) ends the subscription.
 *
 * Written as an iterator rather than an async generator so that `return()` (the client completes, the socket closes)
 * ends a subscriber that is waiting for the next change at once, instead of after one more change.
 */
export class LiveFeed<T> implements AsyncIterableIterator<T> {
  private readonly pending = new Map<string, LiveEvent>();
  private waiting: ((result: IteratorResult<LiveEvent>) => void) | null = null;
  private closed = false;
  private readonly off: () => void;
  /** Settles once the changes made before the subscription (`replay`) are queued; rejects when they cannot be read. */
  private readonly replayed: Promise<void>;

  /**
   * `replay`, when given, names changes that happened before this subscription (a client resuming from a point in
   * time): it is asked only after the feed listens, so a change made meanwhile is either replayed or announced, never
   * lost; one that is both is sent once when still pending.
   */
  constructor(
    private readonly session: LiveSession,
    tenantId: string,
    wanted: (event: LiveEvent) => boolean,
    private readonly read: (event: LiveEvent) => Promise<T | null>,
    replay?: () => Promise<LiveEvent[]>,
  ) {
    this.off = session.hub.on((event) => {
      if (this.closed || event.tenantId !== tenantId || !wanted(event)) return;
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = null;
        resolve({ value: event, done: false });
        return;
      }
      const key = `${event.entity}:${event.id}`;
      this.pending.delete(key);
      this.pending.set(key, event);
      if (this.pending.size > MAX_PENDING_EVENTS) {
        const oldest = this.pending.keys().next().value;
        if (oldest !== undefined) this.pending.delete(oldest);
      }
    });
    this.replayed = replay
      ? replay().then((events) => {
          // Replayed changes go before anything announced meanwhile, which is newer.
          const announced = [...this.pending];
          this.pending.clear();
          for (const event of events) this.pending.set(`${event.entity}:${event.id}`, event);
          for (const [key, event] of announced) {
            this.pending.delete(key);
            this.pending.set(key, event);
          }
        })
      : Promise.resolve();
    // Read in next(); until then a failure must not count as unhandled.
    this.replayed.catch(() => undefined);
  }

  private async nextEvent(): Promise<IteratorResult<LiveEvent>> {
    await this.replayed;
    if (this.closed) return DONE;
    const first = this.pending.entries().next();
    if (!first.done) {
      const [key, event] = first.value;
      this.pending.delete(key);
      return { value: event, done: false };
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      const event = await this.nextEvent();
      if (event.done || this.closed) return DONE;
      if (!(await this.session.refresh())) return this.return();
      let value: T | null;
      try {
        value = await this.read(event.value);
      } catch (error) {
        if ((error as GraphQLError).extensions?.code === "FORBIDDEN") return this.return();
        throw error;
      }
      if (this.closed) return DONE;
      if (value !== null) return { value, done: false };
    }
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.off();
      this.pending.clear();
      const resolve = this.waiting;
      this.waiting = null;
      resolve?.(DONE);
    }
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
