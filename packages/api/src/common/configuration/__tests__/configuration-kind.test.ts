import { randomUUID } from "node:crypto";
import type { GraphQLError } from "graphql";
import { beforeEach, describe, expect, it } from "vitest";
import type { RequestContext } from "../../../context/request-context.js";
import type { Tx } from "../../../context/tenant-scope.js";
import { badUserInput } from "../../errors/api-error.js";
import { ErrorResult } from "../../errors/error-result.js";
import { ConfigurationKind, type ConfigurationStore } from "../configuration-kind.js";
import { VersionedRows } from "../versioned-rows.js";

// The configuration kit on its own, against an in-memory store and request context: the order of its steps (lock,
// find, check, version, write, audit), what it refuses and with which error, and what it leaves unwritten. The
// features' end-to-end tests (tests/configuration) hold the same rules over HTTP and a real database.

interface Row {
  id: string;
  name: string;
  rules: string;
  isTenantDefault: boolean;
  retiredAt: Date | null;
  version: number;
}
type New = { name: string; isTenantDefault: boolean; rules: string };
type Change = { name?: string; rules?: string };

class ThingNameTaken extends ErrorResult {
  name!: string;
}
class ThingInUse extends ErrorResult {
  isTenantDefault!: boolean;
  networks!: unknown[];
}

const TENANT = randomUUID();

/** The tables as the store keeps them, and a log of what was done to them, in order. */
class MemoryStore implements ConfigurationStore<Row, New, Change> {
  rows = new Map<string, Row>();
  networksUsing = new Map<string, string[]>();
  log: string[] = [];
  /** Runs just before a versioned update: another request's change landing between our read and our write. */
  meanwhile: ((row: Row) => void) | null = null;

  add(row: Partial<Row> & { name: string }): Row {
    const full: Row = { id: randomUUID(), rules: "", isTenantDefault: false, retiredAt: null, version: 1, ...row };
    this.rows.set(full.id, full);
    return { ...full };
  }

  async lock(_tx: Tx, tenantId: string) {
    this.log.push(`lock ${tenantId}`);
  }
  async find(_tx: Tx, _tenantId: string, id: string) {
    const row = this.rows.get(id);
    return row ? { ...row } : null;
  }
  async findLive() {
    return [...this.rows.values()].filter((row) => row.retiredAt === null).map((row) => ({ ...row }));
  }
  async insert(_tx: Tx, _tenantId: string, data: New) {
    this.log.push(`insert ${data.name}`);
    return this.add(data);
  }
  async updateIfVersion(_tx: Tx, _tenantId: string, id: string, expectedVersion: number, change: object) {
    const current = this.rows.get(id);
    if (current && this.meanwhile) this.meanwhile(current);
    const row = this.rows.get(id);
    if (!row || row.version !== expectedVersion || row.retiredAt !== null) return 0;
    Object.assign(row, change, { version: row.version + 1 });
    this.log.push(`update ${row.name} ${JSON.stringify(change)}`);
    return 1;
  }
  async clearTenantDefault(_tx: Tx, _tenantId: string, ids: readonly string[]) {
    const cleared = ids.flatMap((id) => {
      const row = this.rows.get(id);
      if (!row) return [];
      Object.assign(row, { isTenantDefault: false, version: row.version + 1 });
      this.log.push(`clear default ${row.name}`);
      return [{ ...row }];
    });
    return cleared;
  }
  async findNetworkIdsUsing(_tx: Tx, _tenantId: string, id: string) {
    return this.networksUsing.get(id) ?? [];
  }
}

interface AuditEntry {
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  purpose?: string;
}

/** Just what the kit reaches through the request context: a tenant transaction, the audit log, the network loader. */
function fakeContext(locale: "sv" | "en" = "en") {
  const audit: AuditEntry[] = [];
  const transactions: string[] = [];
  const networks = new Map<string, { id: string; name: string }>();
  const ctx = {
    locale,
    scope: (tenantId: string) => ({
      transaction: async <T>(work: (tx: Tx) => Promise<T>) => {
        transactions.push(tenantId);
        return work({} as Tx);
      },
    }),
    audit: {
      recordChange: async (_tx: Tx, tenantId: string, change: AuditEntry) => {
        expect(tenantId).toBe(TENANT);
        audit.push(change);
      },
    },
    loaders: () => ({
      networkById: { loadMany: async (ids: string[]) => ids.map((id) => networks.get(id) ?? null) },
    }),
  };
  return { ctx: ctx as unknown as RequestContext, audit, transactions, networks };
}

const snapshot = (row: Row) => ({
  id: row.id,
  name: row.name,
  rules: row.rules,
  isTenantDefault: row.isTenantDefault,
  version: row.version,
});

function kindOver(store: MemoryStore) {
  return new ConfigurationKind({
    subjectType: "Thing",
    called: { sv: "Saken", en: "The thing" },
    store,
    snapshot,
    defaultMovedPurpose: "tenant default moved to another thing",
    nameTaken: { type: ThingNameTaken, message: (name) => ({ sv: `Namnet ${name} är upptaget.`, en: `The name ${name} is taken.` }) },
    inUse: {
      type: ThingInUse,
      tenantDefault: { sv: "Saken är standard.", en: "The thing is the default." },
      usedBy: (count) => ({ sv: `${count} nätverk använder saken.`, en: `${count} network(s) use the thing.` }),
    },
  });
}

const codeOf = (error: unknown) => (error as GraphQLError).extensions?.code;

let store: MemoryStore;
let things: ReturnType<typeof kindOver>;

beforeEach(() => {
  store = new MemoryStore();
  things = kindOver(store);
});

describe("creating a configuration", () => {
  it("refuses a name another one in use has, ignoring case and accents, and writes nothing", async () => {
    store.add({ name: "Arvode Jönköping" });
    const { ctx, audit } = fakeContext("sv");
    const outcome = await things.create(ctx, TENANT, () => ({ name: "arvode jonkoping", isTenantDefault: false, rules: "x" }));
    expect(outcome.row).toBeNull();
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(ThingNameTaken);
    expect(outcome.errors[0]).toMatchObject({
      code: "NAME_TAKEN",
      name: "arvode jonkoping",
      message: "Namnet arvode jonkoping är upptaget.",
      messageSv: "Namnet arvode jonkoping är upptaget.",
      messageEn: "The name arvode jonkoping is taken.",
    });
    expect(store.log).toEqual([`lock ${TENANT}`]);
    expect(audit).toEqual([]);
  });

  it("lets a retired configuration's name be used again", async () => {
    store.add({ name: "Gammal", retiredAt: new Date() });
    const { ctx } = fakeContext();
    const outcome = await things.create(ctx, TENANT, () => ({ name: "Gammal", isTenantDefault: false, rules: "" }));
    expect(outcome.row?.name).toBe("Gammal");
  });

  it("prepares the row under the lock, takes the default from the previous one, and audits both", async () => {
    const previous = store.add({ name: "Förra", isTenantDefault: true });
    const { ctx, audit } = fakeContext();
    const order: string[] = [];
    const outcome = await things.create(
      ctx,
      TENANT,
      () => {
        order.push(`prepare after ${store.log.join(", ")}`);
        return { name: "Nya", isTenantDefault: true, rules: "r" };
      },
      async (_tx, row) => {
        order.push(`also write ${row.name} after ${audit.length} audit entries`);
      },
    );
    const created = outcome.row as Row;
    expect(outcome.errors).toEqual([]);
    expect(created).toMatchObject({ name: "Nya", isTenantDefault: true, version: 1 });
    expect(order).toEqual([`prepare after lock ${TENANT}`, "also write Nya after 2 audit entries"]);
    expect(store.rows.get(previous.id)).toMatchObject({ isTenantDefault: false, version: 2 });
    expect(audit).toEqual([
      {
        subjectType: "Thing",
        subjectId: previous.id,
        before: snapshot(previous),
        after: { ...snapshot(previous), isTenantDefault: false, version: 2 },
        purpose: "tenant default moved to another thing",
      },
      { subjectType: "Thing", subjectId: created.id, before: null, after: snapshot(created) },
    ]);
  });

  it("moves no default when the new one is not the default", async () => {
    store.add({ name: "Standard", isTenantDefault: true });
    const { ctx, audit } = fakeContext();
    await things.create(ctx, TENANT, () => ({ name: "Till", isTenantDefault: false, rules: "" }));
    expect(store.log).toEqual([`lock ${TENANT}`, "insert Till"]);
    expect(audit.map((entry) => entry.before)).toEqual([null]);
  });

  it("writes nothing when the prepared input is refused", async () => {
    const { ctx, audit } = fakeContext();
    const refused = things.create(ctx, TENANT, () => {
      throw badUserInput([], "en");
    });
    await expect(refused).rejects.toSatisfy((error) => codeOf(error) === "BAD_USER_INPUT");
    expect(store.rows.size).toBe(0);
    expect(audit).toEqual([]);
  });
});

describe("updating a configuration", () => {
  it("applies the change with the version the client read, moves the version on and audits before and after", async () => {
    const row = store.add({ name: "Regler", rules: "a" });
    const { ctx, audit } = fakeContext();
    const outcome = await things.update(ctx, TENANT, { id: row.id, expectedVersion: 1 }, () => ({ rules: "b" }));
    expect(outcome).toEqual({ row: { ...row, rules: "b", version: 2 }, errors: [] });
    expect(audit).toEqual([
      { subjectType: "Thing", subjectId: row.id, before: snapshot(row), after: { ...snapshot(row), rules: "b", version: 2 } },
    ]);
    expect(audit[0]).not.toHaveProperty("purpose");
  });

  it("answers CONFLICT for a stale version, after the change was checked, and writes nothing", async () => {
    const row = store.add({ name: "Regler", version: 3 });
    const { ctx, audit } = fakeContext();
    const stale = things.update(ctx, TENANT, { id: row.id, expectedVersion: 2 }, () => ({ rules: "b" }));
    await expect(stale).rejects.toSatisfy((error) => codeOf(error) === "CONFLICT");
    // The input is checked first: invalid input is BAD_USER_INPUT whatever the version.
    const invalid = things.update(ctx, TENANT, { id: row.id, expectedVersion: 2 }, () => {
      throw badUserInput([], "en");
    });
    await expect(invalid).rejects.toSatisfy((error) => codeOf(error) === "BAD_USER_INPUT");
    expect(store.rows.get(row.id)).toMatchObject({ rules: "", version: 3 });
    expect(audit).toEqual([]);
  });

  it("answers CONFLICT when another change lands between the read and the write", async () => {
    const row = store.add({ name: "Regler" });
    store.meanwhile = (current) => {
      current.version += 1;
    };
    const { ctx, audit } = fakeContext();
    const raced = things.update(ctx, TENANT, { id: row.id, expectedVersion: 1 }, () => ({ rules: "b" }));
    await expect(raced).rejects.toSatisfy((error) => codeOf(error) === "CONFLICT");
    expect(audit).toEqual([]);
  });

  it("answers NotFound when the row has gone between the read and the write", async () => {
    const row = store.add({ name: "Regler" });
    store.meanwhile = (current) => store.rows.delete(current.id);
    const { ctx, audit } = fakeContext();
    const outcome = await things.update(ctx, TENANT, { id: row.id, expectedVersion: 1 }, () => ({ rules: "b" }));
    expect(outcome.row).toBeNull();
    expect(outcome.errors[0]).toMatchObject({ code: "NOT_FOUND", messageEn: "The thing does not exist." });
    expect(audit).toEqual([]);
  });

  it("writes nothing for a change that leaves the row as it is", async () => {
    const row = store.add({ name: "Regler", rules: "a" });
    const { ctx, audit } = fakeContext();
    const outcome = await things.update(ctx, TENANT, { id: row.id, expectedVersion: 1 }, () => ({ name: "Regler", rules: "a" }));
    expect(outcome).toEqual({ row, errors: [] });
    expect(store.log).toEqual([`lock ${TENANT}`]);
    expect(audit).toEqual([]);
  });

  it("refuses a new name another one in use has, but not the row's own name in other letters", async () => {
    const row = store.add({ name: "Regler" });
    store.add({ name: "Andra" });
    const { ctx } = fakeContext();
    const taken = await things.update(ctx, TENANT, { id: row.id, expectedVersion: 1 }, () => ({ name: "ANDRA" }));
    expect(taken.errors[0]).toMatchObject({ code: "NAME_TAKEN", name: "ANDRA" });
    expect(store.rows.get(row.id)?.version).toBe(1);
    const recased = await things.update(ctx, TENANT, { id: row.id, expectedVersion: 1 }, () => ({ name: "REGLER" }));
    expect(recased.row?.name).toBe("REGLER");
  });

  it("answers NotFound for a retired row, an unknown id and a malformed one (the last without a transaction)", async () => {
    const retired = store.add({ name: "Gammal", retiredAt: new Date() });
    const { ctx, transactions } = fakeContext();
    const change = () => ({ rules: "b" });
    for (const id of [retired.id, randomUUID()]) {
      const outcome = await things.update(ctx, TENANT, { id, expectedVersion: 1 }, change);
      expect(outcome.errors.map((error) => error.code)).toEqual(["NOT_FOUND"]);
    }
    expect(transactions).toHaveLength(2);
    const malformed = await things.update(ctx, TENANT, { id: "not-an-id", expectedVersion: 1 }, change);
    expect(malformed.errors.map((error) => error.code)).toEqual(["NOT_FOUND"]);
    expect(transactions).toHaveLength(2);
  });
});

describe("the tenant default", () => {
  it("moves to the row named, auditing the row that lost it and the row that gained it", async () => {
    const previous = store.add({ name: "Förra", isTenantDefault: true });
    const next = store.add({ name: "Nästa" });
    const { ctx, audit } = fakeContext();
    const outcome = await things.setTenantDefault(ctx, TENANT, { id: next.id, expectedVersion: 1 });
    expect(outcome.row).toMatchObject({ id: next.id, isTenantDefault: true, version: 2 });
    expect(store.rows.get(previous.id)?.isTenantDefault).toBe(false);
    expect(audit.map((entry) => [entry.subjectId, entry.purpose])).toEqual([
      [previous.id, "tenant default moved to another thing"],
      [next.id, "made the tenant default"],
    ]);
  });

  it("changes nothing when the row already is the default", async () => {
    const row = store.add({ name: "Standard", isTenantDefault: true });
    const { ctx, audit } = fakeContext();
    expect(await things.setTenantDefault(ctx, TENANT, { id: row.id, expectedVersion: 1 })).toEqual({ row, errors: [] });
    expect(audit).toEqual([]);
  });

  it("is not given to a retired row, nor with a stale version", async () => {
    const retired = store.add({ name: "Gammal", retiredAt: new Date() });
    const live = store.add({ name: "Levande", version: 4 });
    const { ctx } = fakeContext();
    const outcome = await things.setTenantDefault(ctx, TENANT, { id: retired.id, expectedVersion: 1 });
    expect(outcome.errors.map((error) => error.code)).toEqual(["NOT_FOUND"]);
    await expect(things.setTenantDefault(ctx, TENANT, { id: live.id, expectedVersion: 3 })).rejects.toSatisfy(
      (error) => codeOf(error) === "CONFLICT",
    );
    expect(store.rows.get(live.id)?.isTenantDefault).toBe(false);
  });
});

describe("retiring a configuration", () => {
  it("retires one nobody uses, audited as a retirement; retiring it again changes nothing", async () => {
    const row = store.add({ name: "Oanvänd" });
    const { ctx, audit } = fakeContext();
    const outcome = await things.retire(ctx, TENANT, { id: row.id, expectedVersion: 1 });
    expect(outcome.row?.retiredAt).toBeInstanceOf(Date);
    expect(outcome.row?.version).toBe(2);
    expect(audit.map((entry) => entry.purpose)).toEqual(["retire"]);
    const again = await things.retire(ctx, TENANT, { id: row.id, expectedVersion: 2 });
    expect(again.errors).toEqual([]);
    expect(again.row?.version).toBe(2);
    expect(audit).toHaveLength(1);
  });

  it("refuses one that networks name, listing the networks it could load", async () => {
    const row = store.add({ name: "Använd" });
    const { ctx, audit, networks } = fakeContext("sv");
    networks.set("n1", { id: "n1", name: "Ett" });
    networks.set("n2", { id: "n2", name: "Två" });
    store.networksUsing.set(row.id, ["n1", "n2", "gone"]);
    const outcome = await things.retire(ctx, TENANT, { id: row.id, expectedVersion: 1 });
    expect(outcome.row).toBeNull();
    expect(outcome.errors[0]).toBeInstanceOf(ThingInUse);
    expect(outcome.errors[0]).toMatchObject({
      code: "IN_USE",
      message: "2 nätverk använder saken.",
      messageEn: "2 network(s) use the thing.",
      isTenantDefault: false,
      networks: [
        { id: "n1", name: "Ett" },
        { id: "n2", name: "Två" },
      ],
    });
    expect(store.rows.get(row.id)?.retiredAt).toBeNull();
    expect(audit).toEqual([]);
  });

  it("refuses the tenant's default, saying so", async () => {
    const row = store.add({ name: "Standard", isTenantDefault: true });
    const { ctx } = fakeContext();
    const outcome = await things.retire(ctx, TENANT, { id: row.id, expectedVersion: 1 });
    expect(outcome.errors[0]).toMatchObject({
      code: "IN_USE",
      isTenantDefault: true,
      messageEn: "The thing is the default.",
      networks: [],
    });
  });

  it("checks the version before anything else, even for a retired row", async () => {
    const row = store.add({ name: "Gammal", retiredAt: new Date(), version: 2 });
    const { ctx } = fakeContext();
    await expect(things.retire(ctx, TENANT, { id: row.id, expectedVersion: 1 })).rejects.toSatisfy((error) => codeOf(error) === "CONFLICT");
  });
});

describe("a feature's own change to a configuration's parts", () => {
  it("opens only a live row with the version the client read", async () => {
    const row = store.add({ name: "Schema", version: 2 });
    const retired = store.add({ name: "Gammalt", retiredAt: new Date() });
    const { ctx } = fakeContext();
    const tx = {} as Tx;
    expect(await things.openLive(ctx, tx, TENANT, row.id, 2)).toEqual(row);
    expect(await things.openLive(ctx, tx, TENANT, retired.id, 1)).toBeNull();
    await expect(things.openLive(ctx, tx, TENANT, row.id, 1)).rejects.toSatisfy((error) => codeOf(error) === "CONFLICT");
    expect(store.log).toEqual([`lock ${TENANT}`, `lock ${TENANT}`, `lock ${TENANT}`]);
  });

  it("moves the version on without an audit entry of its own", async () => {
    const row = store.add({ name: "Schema" });
    const { ctx, audit } = fakeContext();
    expect(await things.touch(ctx, {} as Tx, TENANT, row, 1)).toEqual({ ...row, version: 2 });
    expect(audit).toEqual([]);
    await expect(things.touch(ctx, {} as Tx, TENANT, row, 1)).rejects.toSatisfy((error) => codeOf(error) === "CONFLICT");
  });
});

describe("versioned rows without a lifecycle", () => {
  it("write with the version read, audit with a purpose when one is given, and say when nothing would change", async () => {
    const labels = new VersionedRows({ subjectType: "Label", store, snapshot });
    const row = store.add({ name: "Etikett", rules: "a" });
    const { ctx, audit } = fakeContext();
    expect(labels.changesNothing(row, { rules: "a" })).toBe(true);
    expect(labels.changesNothing(row, { rules: "b" })).toBe(false);
    const after = await labels.write(ctx, {} as Tx, TENANT, row, 1, { rules: "b" }, "relabel");
    expect(after).toMatchObject({ rules: "b", version: 2 });
    expect(audit).toEqual([
      { subjectType: "Label", subjectId: row.id, before: snapshot(row), after: snapshot(after as Row), purpose: "relabel" },
    ]);
    expect(() => labels.expectVersion(after as Row, 1, "sv")).toThrow();
  });
});
