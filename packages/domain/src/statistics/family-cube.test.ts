import { describe, expect, it } from "vitest";
import { spanOf } from "../testing/linear-span.js";
import { answerableLevels, type GroupDimension } from "./answerable-tables.js";
import {
  FAMILY_PROTECTION,
  type FamilyCubeSpec,
  type FamilyProtection,
  type FinestCell,
  familyCubeSpecs,
  protectFamily,
  stockGroups,
} from "./family-cube.js";
import { type CubeDimension, keyOf, type Level, MONTHS, ProtectedCube } from "./linked-tables.js";

// The attacker, independent of the implementation (as in linked-tables.test.ts): every published cell of every
// answerable table is an equation over the finest cells — here the finest cells of the count split into its parts,
// rest included — and a published zero says each cell under it is zero. No primary group may come out, and in
// particular no small rest (requests that went ahead, people asked) that is never published itself.

const POOL = FAMILY_PROTECTION.POOL;
const REQUESTS = FAMILY_PROTECTION.REQUESTS;

function finestKeys(dimensions: readonly CubeDimension[]): string[][] {
  return dimensions.reduce<string[][]>((keys, dimension) => keys.flatMap((key) => dimension.values.map((value) => [...key, value])), [[]]);
}

function groupOf(dimension: CubeDimension, level: number, value: string): string {
  if (level === 0) return "*";
  if (level > (dimension.between?.length ?? 0)) return value;
  return dimension.between?.[level - 1]?.(value) ?? value;
}

const matches = (dimensions: readonly CubeDimension[], level: Level, key: readonly string[], finest: readonly string[]) =>
  finest.every((value, d) => groupOf(dimensions[d] as CubeDimension, level[d] as number, value) === key[d]);

/** Every published cell of a cube's tables as an equation over `unknowns` (mapped to the cube's finest keys). */
function equationsOf(
  cube: ProtectedCube,
  dimensions: readonly CubeDimension[],
  levels: readonly Level[],
  unknowns: readonly string[][],
  project: (unknown: readonly string[]) => readonly string[] | null,
): { published: number[][]; primaries: { label: string; vector: number[] }[] } {
  const published: number[][] = [];
  const primaries: { label: string; vector: number[] }[] = [];
  for (const level of levels) {
    for (const cell of cube.table(level)) {
      const vector = unknowns.map((unknown) => {
        const finest = project(unknown);
        return finest !== null && matches(dimensions, level, cell.key, finest) ? 1 : 0;
      });
      if (cell.suppression !== null && cell.value !== null) throw new Error(`a value is shown for hidden ${cell.key.join("/")}`);
      if (cell.suppression === null) published.push(vector);
      if (cell.value === 0)
        for (const [i, member] of vector.entries()) if (member) published.push(unknowns.map((_, j) => (j === i ? 1 : 0)));
      if (cell.suppression === "PRIMARY") primaries.push({ label: `${level.join(",")}:${cell.key.join("/")}=${cell.count}`, vector });
    }
  }
  return { published, primaries };
}

/** The family's count with its partition protected as one cube, attacked with all its tables. */
function attackPartition(spec: FamilyCubeSpec, threshold: number): { solved: string[]; primaries: string[] } {
  const cube = new ProtectedCube(spec.dimensions, spec.finest, threshold, { levels: spec.levels });
  const unknowns = finestKeys(spec.dimensions);
  const { published, primaries } = equationsOf(cube, spec.dimensions, spec.levels, unknowns, (unknown) => unknown);
  const derivable = spanOf(published);
  return {
    solved: primaries.filter(({ vector }) => derivable(vector)).map(({ label }) => label),
    primaries: primaries.map(({ label }) => label),
  };
}

const partitioned = (dimensions: readonly GroupDimension[], finest: readonly FinestCell[], protection: FamilyProtection) => {
  const spec = familyCubeSpecs(dimensions, finest, protection).find((candidate) => candidate.partitioned);
  if (!spec) throw new Error("no partitioned cube");
  return spec;
};

const poolCell = (network: string, count: number, neverAsked: number, perspective = "PATIENT", askedNeverUsed = 0): FinestCell => ({
  dims: { NETWORK: network, PERSPECTIVE: perspective },
  month: null,
  counts: { count, never_asked: neverAsked, asked_never_used: askedNeverUsed },
  contributors: null,
});

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ATTACKER_TIMEOUT_MS = 120_000;

describe("familyCubeSpecs", () => {
  it("splits each finest cell of requests into declined, cancelled and the rest, one more dimension before the month", () => {
    const finest: FinestCell[] = [
      { dims: { NETWORK: "n1" }, month: "03", counts: { count: 12, declined: 5, cancelled: 4, accepted: 9 }, contributors: null },
      { dims: { NETWORK: "n2" }, month: "05", counts: { count: 3, declined: 0, cancelled: 3, accepted: 0 }, contributors: null },
    ];
    const [count, accepted] = familyCubeSpecs(["NETWORK"], finest, REQUESTS);
    expect(count?.partitioned).toBe(true);
    expect(count?.dimensions.map((d) => d.values)).toEqual([["n1", "n2"], ["CANCELLED", "DECLINED", "OTHER"], MONTHS]);
    expect(Object.fromEntries(count?.finest ?? [])).toEqual({
      [keyOf(["n1", "DECLINED", "03"])]: 5,
      [keyOf(["n1", "CANCELLED", "03"])]: 4,
      [keyOf(["n1", "OTHER", "03"])]: 3,
      [keyOf(["n2", "CANCELLED", "05"])]: 3,
    });
    expect([...(count?.answers ?? [])]).toEqual([
      ["count", null],
      ["declined", "DECLINED"],
      ["cancelled", "CANCELLED"],
    ]);
    expect(count?.levels).toEqual(answerableLevels(["NETWORK"], { withTime: true, partition: true }));
    // Persons accepted are no part of the requests: a cube of their own.
    expect(accepted?.partitioned).toBe(false);
    expect(Object.fromEntries(accepted?.finest ?? [])).toEqual({ [keyOf(["n1", "03"])]: 9 });
  });

  it("splits the pool into the never asked, the asked but never used, and the used", () => {
    const spec = partitioned(["NETWORK"], [poolCell("a", 52, 40, "PATIENT", 10)], POOL);
    expect(spec.dimensions.map((d) => d.values)).toEqual([["a"], ["ASKED_NEVER_USED", "NEVER_ASKED", "USED"]]);
    expect(Object.fromEntries(spec.finest)).toEqual({
      [keyOf(["a", "NEVER_ASKED"])]: 40,
      [keyOf(["a", "ASKED_NEVER_USED"])]: 10,
      [keyOf(["a", "USED"])]: 2,
    });
  });

  it("refuses parts that add up to more than the count, and people per cell it cannot split by part", () => {
    expect(() => familyCubeSpecs(["NETWORK"], [poolCell("a", 5, 6)], POOL)).toThrow(RangeError);
    expect(() => familyCubeSpecs(["NETWORK"], [{ ...poolCell("a", 5, 2), contributors: [1, 2, 3] }], POOL)).toThrow(RangeError);
  });

  it("keeps the people behind a family's count where it has no partition", () => {
    const people: FinestCell[] = [
      { dims: { NETWORK: "a" }, month: "01", counts: { count: 9 }, contributors: [1, 2] },
      { dims: { NETWORK: "b" }, month: "01", counts: { count: 6 }, contributors: [3, 4, 5, 6, 7] },
    ];
    const [spec] = familyCubeSpecs(["NETWORK"], people, FAMILY_PROTECTION.PARTICIPATION);
    expect(spec?.contributors?.get(keyOf(["a", "01"]))).toEqual([1, 2]);
    // Nine participations of two people are withheld however large the count.
    const family = protectFamily({
      familyDimensions: ["NETWORK"],
      requested: ["NETWORK"],
      finest: people,
      protection: FAMILY_PROTECTION.PARTICIPATION,
      threshold: 5,
    });
    expect(family.counts.get("count")?.cell([1, 0], ["a", "*"])).toMatchObject({ count: 9, value: null });
  });
});

describe("a count and its parts protected together", () => {
  it("does not let a pool of 52 with 50 never asked tell that 2 were asked", () => {
    const finest = [poolCell("a", 52, 50)];
    const family = protectFamily({ familyDimensions: ["NETWORK"], requested: [], finest, protection: POOL, threshold: 5 });
    expect(family.counts.get("count")?.cell([], [])).toMatchObject({ value: 52, suppression: null });
    // The 2 asked (the middle level of the parts) are a small group: the 50 never asked would tell them.
    expect(family.counts.get("never_asked")?.cell([], [])).toMatchObject({ count: 50, value: null });
    const attack = attackPartition(partitioned(["NETWORK"], finest, POOL), 5);
    expect(attack.primaries).toContain("0,1:*/ASKED=2");
    expect(attack.solved).toEqual([]);
  });

  it("does not let 12 requests received, 5 declined and 5 cancelled tell that 2 went ahead", () => {
    const finest: FinestCell[] = [
      { dims: { NETWORK: "a" }, month: "03", counts: { count: 12, declined: 5, cancelled: 5, accepted: 0 }, contributors: null },
    ];
    const family = protectFamily({ familyDimensions: ["NETWORK"], requested: [], finest, protection: REQUESTS, threshold: 5 });
    const year = (name: string) => family.counts.get(name)?.cell([0], ["*"]);
    expect(year("count")).toMatchObject({ value: 12, suppression: null });
    expect([year("declined")?.value, year("cancelled")?.value]).toContain(null);
    const attack = attackPartition(partitioned(["NETWORK"], finest, REQUESTS), 5);
    expect(attack.primaries).toContain("0,1,0:*/OTHER/*=2");
    expect(attack.solved).toEqual([]);
  });

  it("would give the 2 asked away were the pool and its never-asked protected apart (as they were)", () => {
    // The old way: one cube for the pool, one for the never-asked, each over its own tables. Unknowns: the pool by
    // network × asked; the attacker combines both cubes' published cells.
    const finest = [poolCell("a", 52, 50), poolCell("b", 30, 30)];
    const spec = partitioned(["NETWORK"], finest, POOL);
    const levels = answerableLevels(["NETWORK"], { withTime: false, partition: false });
    const networks: CubeDimension[] = [{ values: ["a", "b"] }];
    const count = new ProtectedCube(
      networks,
      new Map([
        ["a", 52],
        ["b", 30],
      ]),
      5,
      { levels },
    );
    const neverAsked = new ProtectedCube(
      networks,
      new Map([
        ["a", 50],
        ["b", 30],
      ]),
      5,
      { levels },
    );
    const unknowns = finestKeys(spec.dimensions);
    const fromCount = equationsOf(count, networks, levels, unknowns, ([network]) => [network as string]);
    const fromNeverAsked = equationsOf(neverAsked, networks, levels, unknowns, ([network, asked]) =>
      asked === "NEVER_ASKED" ? [network as string] : null,
    );
    const apart = spanOf([...fromCount.published, ...fromNeverAsked.published]);
    const askedInA = unknowns.map(([network, asked]) => (network === "a" && asked !== "NEVER_ASKED" ? 1 : 0));
    expect(apart(askedInA)).toBe(true);
    // Together, the same people asked stay unknown.
    const together = attackPartition(spec, 5);
    expect(together.primaries).toContain("1,1:a/ASKED=2");
    expect(together.solved).toEqual([]);
  });

  it(
    "leaves no small group of the pool, never asked, asked but not used or used, solvable from all its tables together",
    () => {
      const random = seeded(17);
      const failures: string[] = [];
      let rests = 0;
      for (let round = 0; round < 40; round++) {
        const finest: FinestCell[] = [];
        for (const network of ["a", "b", "c"])
          for (const perspective of ["PATIENT", "RELATIVE"]) {
            const count = random() < 0.2 ? 0 : Math.floor(random() * 40);
            // Mostly everyone or nearly everyone never asked, so the asked are often a small rest.
            const asked = random() < 0.5 ? Math.min(count, Math.floor(random() * 5)) : Math.floor(random() * (count + 1));
            const neverUsed = Math.floor(random() * (asked + 1));
            if (count > 0) finest.push(poolCell(network, count, count - asked, perspective, neverUsed));
          }
        const spec = partitioned(["NETWORK", "PERSPECTIVE"], finest, POOL);
        const attack = attackPartition(spec, 5);
        rests += attack.primaries.filter((label) => /\/(ASKED|USED|ASKED_NEVER_USED)=/.test(label)).length;
        failures.push(...attack.solved.map((label) => `round ${round}: ${label}`));
      }
      expect(rests).toBeGreaterThan(20);
      expect(failures.slice(0, 5)).toEqual([]);
    },
    ATTACKER_TIMEOUT_MS,
  );

  it(
    "leaves no small group of requests, by outcome, solvable from all its tables by network, unit, year, quarter and month",
    () => {
      const random = seeded(5);
      const failures: string[] = [];
      let rests = 0;
      for (let round = 0; round < 6; round++) {
        const finest: FinestCell[] = [];
        for (const network of ["a", "b"])
          for (const unit of ["u1", "u2"])
            for (const month of ["02", "03", "05", "11"]) {
              if (random() < 0.3) continue;
              const declined = Math.floor(random() * 8);
              const cancelled = Math.floor(random() * 8);
              const other = random() < 0.5 ? Math.floor(random() * 4) : Math.floor(random() * 12);
              const count = declined + cancelled + other;
              if (count > 0)
                finest.push({ dims: { NETWORK: network, UNIT: unit }, month, counts: { count, declined, cancelled }, contributors: null });
            }
        const attack = attackPartition(partitioned(["NETWORK", "UNIT"], finest, REQUESTS), 5);
        rests += attack.primaries.filter((label) => label.includes("OTHER")).length;
        failures.push(...attack.solved.map((label) => `round ${round}: ${label}`));
      }
      expect(rests).toBeGreaterThan(10);
      expect(failures.slice(0, 5)).toEqual([]);
    },
    ATTACKER_TIMEOUT_MS,
  );
});

describe("protectFamily", () => {
  const finest: FinestCell[] = [
    { dims: { NETWORK: "a", UNIT: "u1" }, month: "03", counts: { count: 20, declined: 6, cancelled: 7, accepted: 11 }, contributors: null },
    { dims: { NETWORK: "a", UNIT: "u2" }, month: "04", counts: { count: 10, declined: 5, cancelled: 0, accepted: 8 }, contributors: null },
    { dims: { NETWORK: "b", UNIT: "u1" }, month: "11", counts: { count: 15, declined: 0, cancelled: 9, accepted: 6 }, contributors: null },
  ];
  const family = protectFamily({
    familyDimensions: ["NETWORK", "UNIT"],
    requested: ["NETWORK"],
    finest,
    protection: REQUESTS,
    threshold: 5,
  });

  it("shows every count through the dimensions asked, the family's others at all", () => {
    expect(family.dimensions).toEqual(["NETWORK"]);
    expect(family.applicable).toBe(true);
    const at = (name: string, key: string[], level: Level) => family.counts.get(name)?.cell(level, key)?.value;
    expect(at("count", ["a", "*"], [1, 0])).toBe(30);
    expect(at("count", ["b", "Q4"], [1, 1])).toBe(15);
    expect(at("declined", ["a", "*"], [1, 0])).toBe(11);
    expect(at("cancelled", ["*", "*"], [0, 0])).toBe(16);
    expect(at("accepted", ["*", "*"], [0, 0])).toBe(25);
    expect(
      family.counts
        .get("count")
        ?.nonEmpty([1, 2])
        .map((cell) => [...cell.key, cell.count]),
    ).toEqual([
      ["a", "03", 20],
      ["a", "04", 10],
      ["b", "11", 15],
    ]);
    // A key outside the cube is no cell.
    expect(family.counts.get("count")?.cell([1, 0], ["z", "*"])).toBeUndefined();
  });

  it("is not applicable to a grouping by a dimension the family lacks", () => {
    const byAge = protectFamily({
      familyDimensions: ["NETWORK", "UNIT"],
      requested: ["NETWORK", "AGE_BAND"],
      finest,
      protection: REQUESTS,
      threshold: 5,
    });
    expect(byAge.applicable).toBe(false);
    expect(byAge.dimensions).toEqual(["NETWORK"]);
  });
});

describe("stockGroups", () => {
  it("sums a stock's counts for every grouping of the dimensions asked", () => {
    const groups = stockGroups([poolCell("a", 10, 4), poolCell("a", 6, 6, "RELATIVE"), poolCell("b", 7, 1)], ["NETWORK"]);
    expect(groups).toEqual([
      { dims: { NETWORK: null }, month: null, quarter: null, measures: { count: 23, never_asked: 11, asked_never_used: 0 } },
      { dims: { NETWORK: "a" }, month: null, quarter: null, measures: { count: 16, never_asked: 10, asked_never_used: 0 } },
      { dims: { NETWORK: "b" }, month: null, quarter: null, measures: { count: 7, never_asked: 1, asked_never_used: 0 } },
    ]);
  });
});
