import type { Prisma } from "@medverkan/database";
import type { Actor } from "../auth/actor.js";
import type { Tx } from "../context/tenant-scope.js";
import { type AuditEventRow, insertAuditEvents } from "./audit.repository.js";

export type AuditAction = "READ" | "WRITE" | "DISCLOSE" | "EXPORT" | "ERASE";

export interface AuditEntry {
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  /** The person whose data this is, so they can be shown who read it. */
  memberId?: string | null;
  purpose?: string | null;
  details?: Prisma.InputJsonValue;
}

/**
 * Writes audit events for the current actor. It takes the transaction of the act it records, so the event and the
 * act commit together: a failed audit write fails the request (SECURITY.md).
 */
export class AuditWriter {
  constructor(private readonly actor: Actor) {}

  async record(tx: Tx, tenantId: string, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    await insertAuditEvents(
      tx,
      list.map((entry) => this.toRow(tenantId, entry)),
    );
  }

  /**
   * The events of many reads batched together (one DataLoader batch), each for its own reader, in one insert and in
   * the transaction of the batch's read.
   */
  static async recordMany(tx: Tx, tenantId: string, events: readonly { writer: AuditWriter; entry: AuditEntry }[]): Promise<void> {
    await insertAuditEvents(
      tx,
      events.map(({ writer, entry }) => writer.toRow(tenantId, entry)),
    );
  }

  /** A configuration or data change with its before and after, so the log can show exactly what changed. */
  recordChange(
    tx: Tx,
    tenantId: string,
    change: { subjectType: string; subjectId: string; before: unknown; after: unknown; memberId?: string | null; purpose?: string },
  ): Promise<void> {
    return this.record(tx, tenantId, {
      action: "WRITE",
      subjectType: change.subjectType,
      subjectId: change.subjectId,
      memberId: change.memberId ?? null,
      purpose: change.purpose ?? null,
      details: JSON.parse(JSON.stringify({ before: change.before ?? null, after: change.after ?? null })) as Prisma.InputJsonValue,
    });
  }

  private toRow(tenantId: string, entry: AuditEntry): AuditEventRow {
    const actor = this.actor;
    return {
      tenantId,
      actorType: actor.kind === "CITIZEN" ? "MEMBER" : actor.kind,
      actorId:
        actor.kind === "STAFF"
          ? actor.staffUserId
          : actor.kind === "MEMBER"
            ? actor.memberId
            : actor.kind === "PLATFORM_OPERATOR"
              ? actor.operatorId
              : null,
      actorRole: actor.kind === "STAFF" ? [...new Set(actor.grants.map((grant) => grant.role))].join(",") : null,
      actorUnitId: actor.kind === "STAFF" ? actor.unitId : null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      memberId: entry.memberId ?? null,
      purpose: entry.purpose ?? null,
      details: entry.details,
    };
  }
}
