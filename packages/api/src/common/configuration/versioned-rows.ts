import type { Locale } from "@medverkan/domain";
import type { RequestContext } from "../../context/request-context.js";
import type { Tx } from "../../context/tenant-scope.js";
import { reloadAfterVersionedUpdate } from "../concurrency.js";
import { conflict } from "../errors/api-error.js";

/** A row changed under optimistic concurrency: every change names the `version` it was read at and moves it on. */
export interface VersionedRow {
  id: string;
  version: number;
}

/**
 * The port a feature's repository implements for the kit. The kit decides the order of the steps (find, check the
 * version, change, reload, audit); the repository keeps the queries, so it stays the only code that touches the
 * database and the kit never sees a Prisma model. (A generic helper over Prisma's delegates was the alternative:
 * they share no type, so it would need casts that hide a wrong `where` from the type checker.)
 */
export interface VersionedRowStore<Row extends VersionedRow, Change extends object> {
  find(tx: Tx, tenantId: string, id: string): Promise<Row | null>;
  /** Applies `change` and moves the version on only if the row is still live with `expectedVersion`; returns 0 or 1. */
  updateIfVersion(tx: Tx, tenantId: string, id: string, expectedVersion: number, change: Change): Promise<number>;
}

export interface VersionedRowsDefinition<Row extends VersionedRow, Change extends object> {
  /** What the audit log calls the rows (`subjectType`), e.g. "AssignmentType". */
  subjectType: string;
  store: VersionedRowStore<Row, Change>;
  /** What the audit log keeps of a row, before and after each change: what the domain reads, not storage columns. */
  snapshot(row: Row): unknown;
}

/**
 * One kind of versioned row and the steps every change to one takes, inside the caller's transaction: the version
 * the client read must still be the row's (else CONFLICT, nothing written), and each change is audited with the row
 * before and after it. A lifecycle (configuration-kind.ts) or a feature's own operation puts the steps together.
 */
export class VersionedRows<Row extends VersionedRow, Change extends object> {
  constructor(readonly definition: VersionedRowsDefinition<Row, Change>) {}

  get subjectType(): string {
    return this.definition.subjectType;
  }

  snapshot(row: Row): unknown {
    return this.definition.snapshot(row);
  }

  /** A client that read an older version than the row has now answers CONFLICT before anything is written. */
  expectVersion(row: Row, expectedVersion: number, locale: Locale): void {
    if (row.version !== expectedVersion) throw conflict(locale);
  }

  /** Whether `change` would leave what the audit log keeps of the row as it is: then nothing is written. */
  changesNothing(before: Row, change: Change): boolean {
    return JSON.stringify(this.snapshot({ ...before, ...change } as Row)) === JSON.stringify(this.snapshot(before));
  }

  /**
   * Applies `change` if the row still has `expectedVersion` and audits it (before, after, purpose). Null when the row
   * has gone meanwhile (the caller answers NotFound); CONFLICT when someone else changed it first.
   */
  async write(
    ctx: RequestContext,
    tx: Tx,
    tenantId: string,
    before: Row,
    expectedVersion: number,
    change: Change,
    purpose?: string,
  ): Promise<Row | null> {
    const { store } = this.definition;
    const updated = await store.updateIfVersion(tx, tenantId, before.id, expectedVersion, change);
    const after = await reloadAfterVersionedUpdate(updated, () => store.find(tx, tenantId, before.id), ctx.locale);
    if (after) await this.recordChange(ctx, tx, tenantId, before, after, purpose);
    return after;
  }

  /** Audits a change of a row the caller wrote itself (`before` null for a row just created). */
  recordChange(ctx: RequestContext, tx: Tx, tenantId: string, before: Row | null, after: Row, purpose?: string): Promise<void> {
    return ctx.audit.recordChange(tx, tenantId, {
      subjectType: this.subjectType,
      subjectId: after.id,
      before: before && this.snapshot(before),
      after: this.snapshot(after),
      ...(purpose === undefined ? {} : { purpose }),
    });
  }
}
