import type { Database } from "@medverkan/database";
import type { Logger } from "pino";
import { isId } from "../common/ids.js";

const isIdValue = (value: unknown): value is string => typeof value === "string" && isId(value);

/** The NOTIFY channel the triggers of migration 20261207130000 announce changes on. */
export const LIVE_CHANNEL = "medverkan_live";

export const LIVE_ENTITIES = ["Request", "Invitation", "Assignment", "Membership", "InboxNotification"] as const;
export type LiveEntity = (typeof LIVE_ENTITIES)[number];

/**
 * A committed change, as announced by the database: ids only. Which subscriptions it may concern is decided from the
 * ids (`memberId`, `networkId`, `unitId`, `staffUserId`); what a subscriber receives is always read again through the
 * API's authorised path, so the ids are a hint, never a permission.
 */
export interface LiveEvent {
  tenantId: string;
  entity: LiveEntity;
  id: string;
  memberId?: string;
  networkId?: string;
  unitId?: string;
  requestId?: string;
  staffUserId?: string;
}

const FIELDS = { m: "memberId", n: "networkId", u: "unitId", r: "requestId", s: "staffUserId" } as const;

/** The trigger's payload (`{"t","e","id","m","n","u","r","s"}`), or null for anything else on the channel. */
export function parseLiveEvent(raw: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  const { t, e, id } = record;
  if (!isIdValue(t) || !isIdValue(id) || !(LIVE_ENTITIES as readonly unknown[]).includes(e)) return null;
  const event: LiveEvent = { tenantId: t, entity: e as LiveEntity, id };
  for (const [short, name] of Object.entries(FIELDS)) {
    const field = record[short];
    if (field === undefined || field === null) continue;
    if (!isIdValue(field)) return null;
    event[name] = field;
  }
  return event;
}

export type LiveListener = (event: LiveEvent) => void;

/**
 * One per API instance: a single LISTEN on the database (a session connection on PostgreSQL, PGlite's own listen
 * when embedded) fanned out to this instance's subscriptions. Every instance listens, so a write through any
 * instance reaches the subscribers of all of them.
 */
export class LiveEventHub {
  private readonly listeners = new Set<LiveListener>();
  private unlisten: (() => Promise<void>) | null = null;

  private constructor(private readonly log: Logger) {}

  static async start(database: Database, log: Logger): Promise<LiveEventHub> {
    const hub = new LiveEventHub(log);
    hub.unlisten = await database.listen(
      LIVE_CHANNEL,
      (payload) => hub.dispatch(payload),
      () => log.warn("live updates: the LISTEN connection was reopened; changes made while it was down were not announced"),
    );
    return hub;
  }

  /** Hands one NOTIFY payload to every listener; exported for tests of the fan-out. */
  dispatch(payload: string): void {
    const event = parseLiveEvent(payload);
    if (!event) {
      this.log.warn({ channel: LIVE_CHANNEL }, "live updates: a payload that is not a change announcement was ignored");
      return;
    }
    for (const listener of this.listeners) listener(event);
  }

  on(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Subscriptions open on this instance (for tests and logs). */
  get size(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.unlisten?.();
    this.unlisten = null;
  }
}
