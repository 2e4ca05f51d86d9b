import { isSameConfigurationName, type Locale, type LocalizedText } from "@medverkan/domain";
import type { Loaders } from "../../context/loaders.js";
import type { RequestContext } from "../../context/request-context.js";
import type { Tx } from "../../context/tenant-scope.js";
import { reloadAfterVersionedUpdate } from "../concurrency.js";
import { type ErrorResult, errorResult } from "../errors/error-result.js";
import { type NotFound, notFound } from "../errors/not-found.js";
import { isId } from "../ids.js";
import { type VersionedRow, type VersionedRowStore, VersionedRows, type VersionedRowsDefinition } from "./versioned-rows.js";

/**
 * The lifecycle every kind of tenant configuration shares (fee schedules, request forms, intake rule sets): named rows,
 * unique by name among those in use, at most one of them the tenant's default (networks that name none use it),
 * changed under optimistic concurrency, retired rather than deleted once nobody uses them, every change audited. A
 * feature defines its kind once (repository port, audit snapshot, how its errors read) and keeps only its own rules.
 */

/** A network as the loaders give it: the kit names networks only to list those that still use a configuration. */
type Network = NonNullable<Awaited<ReturnType<Loaders["networkById"]["load"]>>>;

export interface ConfigurationRow extends VersionedRow {
  name: string;
  isTenantDefault: boolean;
  retiredAt: Date | null;
}

/** What the lifecycle itself changes on a row: the default flag and retirement. */
export type LifecycleChange = { isTenantDefault?: true; retiredAt?: Date };

/** A new row as the feature's repository inserts it. */
export type NewConfiguration = { name: string; isTenantDefault?: boolean };

/** The configuration's port: the versioned-row port and the queries the lifecycle adds (see versioned-rows.ts). */
export interface ConfigurationStore<Row extends ConfigurationRow, New extends NewConfiguration, Change extends { name?: string }>
  extends VersionedRowStore<Row, Change | LifecycleChange> {
  /** Serialises the tenant's changes to this kind (transaction-scoped), so no two pass a name or default check at once. */
  lock(tx: Tx, tenantId: string): Promise<void>;
  /** The rows in use (not retired): names are unique among them, and one of them may be the tenant's default. */
  findLive(tx: Tx, tenantId: string): Promise<Row[]>;
  insert(tx: Tx, tenantId: string, data: New): Promise<Row>;
  /** Takes the default away from the listed rows, moving each one's version on; answers them as they are now. */
  clearTenantDefault(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Row[]>;
  /** The networks still open that name the row. */
  findNetworkIdsUsing(tx: Tx, tenantId: string, id: string): Promise<string[]>;
}

/** What a lifecycle step comes to: the row as it is now, or the one error its payload reports. */
export type Outcome<Row, E> = { row: Row; errors: [] } | { row: null; errors: [E] };

const done = <Row>(row: Row): Outcome<Row, never> => ({ row, errors: [] });
const refused = <E>(error: E): Outcome<never, E> => ({ row: null, errors: [error] });

/** A lifecycle step names the row and the version the client read. */
export interface ExpectedVersion {
  id: string;
  expectedVersion: number;
}

export class ConfigurationKind<
  Row extends ConfigurationRow,
  New extends NewConfiguration,
  Change extends { name?: string },
  NameTaken extends ErrorResult,
  InUse extends ErrorResult,
> extends VersionedRows<Row, Change | LifecycleChange> {
  constructor(
    private readonly kind: VersionedRowsDefinition<Row, Change | LifecycleChange> & {
      store: ConfigurationStore<Row, New, Change>;
      /** How NotFound names one, e.g. `{ sv: "Formuläret", en: "The request form" }`. */
      called: LocalizedText;
      /** The audit purpose on a row that loses the tenant default to another, e.g. "tenant default moved to another form". */
      defaultMovedPurpose: string;
      /** Another row in use has the name (ignoring case and accents): code NAME_TAKEN, the name given back. */
      nameTaken: { type: new () => NameTaken; message(name: string): LocalizedText };
      /** A row in use is not retired: code IN_USE, with whether it is the default and the networks that name it. */
      inUse: { type: new () => InUse; tenantDefault: LocalizedText; usedBy(networkCount: number): LocalizedText };
    },
  ) {
    super(kind);
  }

  notFound(locale: Locale): NotFound {
    return notFound(this.kind.called, locale);
  }

  /**
   * A new row, checked in full before anything is written: `prepare` (in the transaction, under the kind's lock) gives
   * the row or throws BAD_USER_INPUT; a name in use is refused; becoming the default takes it from the previous one.
   * `alsoWrite` adds the feature's own rows (a fee schedule's first version) in the same transaction, after the audit.
   */
  create(
    ctx: RequestContext,
    tenantId: string,
    prepare: (tx: Tx) => New | Promise<New>,
    alsoWrite?: (tx: Tx, row: Row) => Promise<void>,
  ): Promise<Outcome<Row, NameTaken>> {
    const { store } = this.kind;
    return ctx.scope(tenantId).transaction(async (tx): Promise<Outcome<Row, NameTaken>> => {
      await store.lock(tx, tenantId);
      const data = await prepare(tx);
      const live = await store.findLive(tx, tenantId);
      if (live.some((row) => isSameConfigurationName(row.name, data.name))) return refused(this.nameTaken(data.name, ctx.locale));
      if (data.isTenantDefault === true) {
        await this.takeDefaultFrom(
          ctx,
          tx,
          tenantId,
          live.filter((row) => row.isTenantDefault),
        );
      }
      const row = await store.insert(tx, tenantId, data);
      await this.recordChange(ctx, tx, tenantId, null, row);
      await alsoWrite?.(tx, row);
      return done(row);
    });
  }

  /**
   * Changes a row in use under optimistic concurrency. `change` (in the transaction, given the row as it is) says what
   * changes or throws BAD_USER_INPUT, before the version is compared; a change that leaves the audited snapshot as it
   * is writes nothing; a new name must be free. A retired row is history and answers NotFound.
   */
  update(
    ctx: RequestContext,
    tenantId: string,
    input: ExpectedVersion,
    change: (before: Row, tx: Tx) => Change | Promise<Change>,
  ): Promise<Outcome<Row, NotFound | NameTaken>> {
    if (!isId(input.id)) return Promise.resolve(refused(this.notFound(ctx.locale)));
    return ctx.scope(tenantId).transaction(async (tx): Promise<Outcome<Row, NotFound | NameTaken>> => {
      const before = await this.lockAndFind(tx, tenantId, input.id);
      if (!before || before.retiredAt) return refused(this.notFound(ctx.locale));
      const proposed = await change(before, tx);
      this.expectVersion(before, input.expectedVersion, ctx.locale);
      if (this.changesNothing(before, proposed)) return done(before);
      const name = proposed.name;
      if (name !== undefined && name !== before.name) {
        const others = (await this.kind.store.findLive(tx, tenantId)).filter((row) => row.id !== before.id);
        if (others.some((row) => isSameConfigurationName(row.name, name))) return refused(this.nameTaken(name, ctx.locale));
      }
      return this.written(await this.write(ctx, tx, tenantId, before, input.expectedVersion, proposed), ctx.locale);
    });
  }

  /** Makes a row in use the tenant's default, taking the flag from the one that had it; already the default, nothing. */
  setTenantDefault(ctx: RequestContext, tenantId: string, input: ExpectedVersion): Promise<Outcome<Row, NotFound>> {
    if (!isId(input.id)) return Promise.resolve(refused(this.notFound(ctx.locale)));
    return ctx.scope(tenantId).transaction(async (tx): Promise<Outcome<Row, NotFound>> => {
      const before = await this.openLive(ctx, tx, tenantId, input.id, input.expectedVersion);
      if (!before) return refused(this.notFound(ctx.locale));
      if (before.isTenantDefault) return done(before);
      const live = await this.kind.store.findLive(tx, tenantId);
      await this.takeDefaultFrom(
        ctx,
        tx,
        tenantId,
        live.filter((row) => row.isTenantDefault && row.id !== before.id),
      );
      const after = await this.write(
        ctx,
        tx,
        tenantId,
        before,
        input.expectedVersion,
        { isTenantDefault: true },
        "made the tenant default",
      );
      return this.written(after, ctx.locale);
    });
  }

  /**
   * Retires a row nobody uses; it stays for history. The tenant's default, or a row a network names, is refused with
   * the networks listed, so no network is left pointing at a retired row. Retiring twice changes nothing.
   */
  async retire(ctx: RequestContext, tenantId: string, input: ExpectedVersion): Promise<Outcome<Row, NotFound | InUse>> {
    if (!isId(input.id)) return refused(this.notFound(ctx.locale));
    const outcome = await ctx
      .scope(tenantId)
      .transaction(async (tx): Promise<Outcome<Row, NotFound> | { inUse: { isTenantDefault: boolean; networkIds: string[] } }> => {
        const before = await this.lockAndFind(tx, tenantId, input.id);
        if (!before) return refused(this.notFound(ctx.locale));
        this.expectVersion(before, input.expectedVersion, ctx.locale);
        if (before.retiredAt) return done(before);
        const networkIds = await this.kind.store.findNetworkIdsUsing(tx, tenantId, before.id);
        if (before.isTenantDefault || networkIds.length > 0) return { inUse: { isTenantDefault: before.isTenantDefault, networkIds } };
        const after = await this.write(ctx, tx, tenantId, before, input.expectedVersion, { retiredAt: new Date() }, "retire");
        return this.written(after, ctx.locale);
      });
    if (!("inUse" in outcome)) return outcome;
    // Read after the transaction: the network loader opens its own.
    const loaded = await ctx.loaders(tenantId).networkById.loadMany(outcome.inUse.networkIds);
    const networks = loaded.filter((network): network is Network => network !== null && !(network instanceof Error));
    return refused(this.inUse(outcome.inUse.isTenantDefault, networks, ctx.locale));
  }

  /**
   * For a feature's own change to a row in use (a fee schedule's versions), in its transaction: the row under the
   * kind's lock, null when there is none or it is retired (NotFound), CONFLICT when the client read an older version.
   */
  async openLive(ctx: RequestContext, tx: Tx, tenantId: string, id: string, expectedVersion: number): Promise<Row | null> {
    const row = await this.lockAndFind(tx, tenantId, id);
    if (!row || row.retiredAt) return null;
    this.expectVersion(row, expectedVersion, ctx.locale);
    return row;
  }

  /**
   * Moves a row's version on without changing it: its parts live in rows of their own (a fee schedule's versions),
   * and a change to a part is a change to the whole. Not audited here: the caller audits the parts it changed.
   */
  async touch(ctx: RequestContext, tx: Tx, tenantId: string, row: Row, expectedVersion: number): Promise<Row | null> {
    const updated = await this.kind.store.updateIfVersion(tx, tenantId, row.id, expectedVersion, {});
    return reloadAfterVersionedUpdate(updated, () => this.kind.store.find(tx, tenantId, row.id), ctx.locale);
  }

  private async lockAndFind(tx: Tx, tenantId: string, id: string): Promise<Row | null> {
    await this.kind.store.lock(tx, tenantId);
    return this.kind.store.find(tx, tenantId, id);
  }

  private written(after: Row | null, locale: Locale): Outcome<Row, NotFound> {
    return after ? done(after) : refused(this.notFound(locale));
  }

  /** The previous default stops being one; each row that lost the flag is audited like any other change. */
  private async takeDefaultFrom(ctx: RequestContext, tx: Tx, tenantId: string, previous: Row[]): Promise<void> {
    const cleared = await this.kind.store.clearTenantDefault(
      tx,
      tenantId,
      previous.map((row) => row.id),
    );
    for (const row of cleared) {
      const before = previous.find((candidate) => candidate.id === row.id) ?? null;
      await this.recordChange(ctx, tx, tenantId, before, row, this.kind.defaultMovedPurpose);
    }
  }

  private nameTaken(name: string, locale: Locale): NameTaken {
    const { type, message } = this.kind.nameTaken;
    return Object.assign(errorResult(type, "NAME_TAKEN", message(name), locale), { name });
  }

  private inUse(isTenantDefault: boolean, networks: Network[], locale: Locale): InUse {
    const { type, tenantDefault, usedBy } = this.kind.inUse;
    const message = isTenantDefault ? tenantDefault : usedBy(networks.length);
    return Object.assign(errorResult(type, "IN_USE", message, locale), { isTenantDefault, networks });
  }
}
