import { Prisma } from "@medverkan/database";
import { AGE_BAND_LIMITS, AGE_BANDS } from "@medverkan/domain";
import type { Tx } from "../context/tenant-scope.js";

// Statistics are aggregated in the database: each family of figures is one query over its facts (requests,
// occasions, assignments, attendance, paid fee claims, registrations, feedback, the pool at a date) grouped by
// GROUPING SETS into every table of the cube at once, and into the finest cells the protection works on. Only group
// keys, sums and pseudonymous numbers leave the database. Every identifier in the SQL is a constant of this file;
// input arrives only as bound parameters. Plans and timings: packages/bench/results/statistics-plans.md.

export type StatisticsDimensionKey = "NETWORK" | "ASSIGNMENT_TYPE" | "UNIT" | "PERSPECTIVE" | "AGE_BAND" | "MUNICIPALITY";

/** The column each dimension is selected as in every family's facts. */
const DIMENSION_COLUMN: Readonly<Record<StatisticsDimensionKey, string>> = {
  NETWORK: "d_network",
  ASSIGNMENT_TYPE: "d_assignment_type",
  UNIT: "d_unit",
  PERSPECTIVE: "d_perspective",
  AGE_BAND: "d_age_band",
  MUNICIPALITY: "d_municipality",
};

export type FlowFamily = "REQUESTS" | "OCCASIONS" | "ASSIGNMENTS" | "PARTICIPATION" | "FEES" | "REGISTRATIONS" | "FEEDBACK";

const REQUEST_DIMENSIONS: readonly StatisticsDimensionKey[] = ["NETWORK", "ASSIGNMENT_TYPE", "UNIT", "PERSPECTIVE"];
const ALL_DIMENSIONS: readonly StatisticsDimensionKey[] = ["NETWORK", "ASSIGNMENT_TYPE", "UNIT", "PERSPECTIVE", "AGE_BAND", "MUNICIPALITY"];
const MEMBER_DIMENSIONS: readonly StatisticsDimensionKey[] = ["NETWORK", "PERSPECTIVE", "AGE_BAND", "MUNICIPALITY"];

/** Which dimensions describe each family's facts (an occasion has no age band; a registration no unit). */
export const FAMILY_DIMENSIONS: Readonly<Record<FlowFamily | "POOL", readonly StatisticsDimensionKey[]>> = {
  REQUESTS: REQUEST_DIMENSIONS,
  OCCASIONS: REQUEST_DIMENSIONS,
  FEEDBACK: REQUEST_DIMENSIONS,
  ASSIGNMENTS: ALL_DIMENSIONS,
  PARTICIPATION: ALL_DIMENSIONS,
  FEES: ALL_DIMENSIONS,
  REGISTRATIONS: MEMBER_DIMENSIONS,
  POOL: MEMBER_DIMENSIONS,
};

export interface Window {
  readonly year: number;
  readonly timeZone: string;
}

/** One group of one grouping set: dimension values (null where aggregated away) and the family's aggregates. */
export interface AggregateRow {
  readonly dims: Readonly<Partial<Record<StatisticsDimensionKey, string | null>>>;
  readonly month: string | null;
  readonly quarter: string | null;
  readonly measures: Readonly<Record<string, number | null>>;
}

// ─── Shared expressions ─────────────────────────────────────────────────────────────────────────────────────

// The facts carry their dimensions in their native types (uuids, the month as 1–12) and are turned into text only
// for the groups that leave the database, and text dimensions are compared bytewise (COLLATE "C") while grouping:
// the groups are the same as with text keys under the database's collation (only the order of the unordered rows
// could differ), and sorting and hashing thousands of facts is cheaper.

/** A single perspective, SEVERAL or NONE: exclusive classes, so groups add up to the total. */
function perspectiveClass(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE COALESCE(cardinality(${column}), 0) WHEN 0 THEN 'NONE' WHEN 1 THEN (${column})[1]::text ELSE 'SEVERAL' END) COLLATE "C"`;
}

/**
 * Age band on 31 December of the year (as `ageOn` reads a birth year on that day), from the domain's band limits:
 * the age is computed once and placed among the bands (ascending, the last open-ended) by the age each band after
 * the first begins at; the first also holds the ages below its own lower limit.
 */
function ageBandAtYearEnd(year: number): Prisma.Sql {
  const age = Prisma.sql`(${year}::int - COALESCE(date_part('year', m."birthDate")::int, m."birthYear"))`;
  const limits = AGE_BANDS.flatMap((band) => {
    const max = AGE_BAND_LIMITS[band].max;
    return max === null ? [] : [Prisma.sql`${max + 1}::int`];
  });
  const bands = AGE_BANDS.map((band) => Prisma.sql`${band}::text`);
  return Prisma.sql`COALESCE((ARRAY[${Prisma.join(bands)}])[width_bucket(${age}, ARRAY[${Prisma.join(limits)}]) + 1], 'UNKNOWN') COLLATE "C"`;
}

const municipality = Prisma.sql`COALESCE(NULLIF(m."municipality", ''), 'UNKNOWN') COLLATE "C"`;

/** The instant a month (1–12) of the window's year begins in the tenant's time zone. */
function monthStart(window: Window, month: number | Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(make_timestamp(${window.year}::int, ${month}, 1, 0, 0, 0) AT TIME ZONE ${window.timeZone})`;
}

/**
 * The month (1–12) of an instant of the window's year in the tenant's time zone: the instant is placed among the
 * twelve instants the months begin (computed once per query) instead of converting every fact's timestamp to local
 * time, which costs more than the rest of reading the fact.
 */
function localMonth(column: Prisma.Sql, window: Window): Prisma.Sql {
  return Prisma.sql`width_bucket(${column}, (SELECT array_agg(${monthStart(window, Prisma.sql`mo::int`)} ORDER BY mo)
    FROM generate_series(1, 12) AS mo))`;
}

/** The instant range of the calendar year in the tenant's time zone: bounds the planner folds into index ranges. */
function inYear(column: Prisma.Sql, window: Window): Prisma.Sql {
  return Prisma.sql`${column} >= ${monthStart(window, Prisma.sql`1`)}
    AND ${column} < (make_timestamp(${window.year + 1}::int, 1, 1, 0, 0, 0) AT TIME ZONE ${window.timeZone})`;
}

function requestDimensions(): Prisma.Sql {
  return Prisma.sql`r."networkId" AS d_network, r."assignmentTypeId" AS d_assignment_type, r."unitId" AS d_unit,
    ${perspectiveClass(Prisma.sql`r."perspectivesSought"`)} AS d_perspective`;
}

function participantDimensions(year: number): Prisma.Sql {
  return Prisma.sql`r."networkId" AS d_network, r."assignmentTypeId" AS d_assignment_type, r."unitId" AS d_unit,
    ${perspectiveClass(Prisma.sql`m."perspectives"`)} AS d_perspective, ${ageBandAtYearEnd(year)} AS d_age_band,
    ${municipality} AS d_municipality`;
}

// ─── Transaction ────────────────────────────────────────────────────────────────────────────────────────────

// Statistics are read without parallel workers. An answer is a series of statements over a few thousand facts each;
// with several answers at once on a small machine every core is busy already, and workers only add their start-up
// and hand-over (five concurrent annual reports on two cores: about a quarter faster without them; see
// packages/bench/results/statistics-plans.md). Set once per transaction and local to it.
const serialTransactions = new WeakSet<Tx>();

async function withoutParallelWorkers(tx: Tx): Promise<void> {
  if (serialTransactions.has(tx)) return;
  await tx.$queryRaw`SELECT set_config('max_parallel_workers_per_gather', '0', true)`;
  serialTransactions.add(tx);
}

// ─── Families ───────────────────────────────────────────────────────────────────────────────────────────────

/** A figure's name as returned and its SQL over the facts (constants of this file). */
type Figure = readonly [name: string, sql: string];

interface FamilyQuery {
  /** The facts: the family's dimensions, `d_month` (1–12) and what its figures read. */
  readonly facts: Prisma.Sql;
  /** The figures of every group of the cube. */
  readonly aggregates: readonly Figure[];
  /** The counts of a finest cell, which small-cell protection works on. */
  readonly counts: readonly Figure[];
}

const COUNT: Figure = ["count", "count(*)::int"];

// Every table is matched on the tenant given, not on another table's tenant column: then each row-level security
// policy folds to a comparison of two constants (once per query, or per run of a sub-plan), never one per row.
function familyQuery(family: FlowFamily, tenantId: string, window: Window): FamilyQuery {
  const tenant = Prisma.sql`${tenantId}::uuid`;
  switch (family) {
    case "REQUESTS":
      return {
        // Accepted invitations are counted per request through the partial index of accepted invitations.
        facts: Prisma.sql`SELECT ${requestDimensions()}, ${localMonth(Prisma.sql`r."submittedAt"`, window)} AS d_month,
            r."status" AS status, r."numberOfPersons" AS asked_for,
            (SELECT count(*) FROM "Invitation" i WHERE i."tenantId" = ${tenant} AND i."requestId" = r."id" AND i."status" = 'ACCEPTED')::int AS accepted,
            CASE WHEN r."filledAt" IS NOT NULL THEN EXTRACT(EPOCH FROM (r."filledAt" - r."submittedAt")) / 86400.0 END AS days_to_filled
          FROM "Request" r WHERE r."tenantId" = ${tenant} AND ${inYear(Prisma.sql`r."submittedAt"`, window)}`,
        aggregates: [
          COUNT,
          ["declined", "count(*) FILTER (WHERE status = 'DECLINED')::int"],
          ["cancelled", "count(*) FILTER (WHERE status = 'CANCELLED')::int"],
          ["asked_for", "COALESCE(sum(asked_for), 0)::int"],
          ["accepted", "COALESCE(sum(accepted), 0)::int"],
          ["filled", "count(days_to_filled)::int"],
          ["median_days", "percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_filled)"],
          ["p90_days", "percentile_cont(0.9) WITHIN GROUP (ORDER BY days_to_filled)"],
        ],
        counts: [
          COUNT,
          ["declined", "count(*) FILTER (WHERE status = 'DECLINED')::int"],
          ["cancelled", "count(*) FILTER (WHERE status = 'CANCELLED')::int"],
          ["accepted", "COALESCE(sum(accepted), 0)::int"],
        ],
      };
    case "OCCASIONS":
      return {
        facts: Prisma.sql`SELECT ${requestDimensions()}, ${localMonth(Prisma.sql`o."startsAt"`, window)} AS d_month
          FROM "Occasion" o JOIN "Request" r ON r."tenantId" = ${tenant} AND r."id" = o."requestId"
          WHERE o."tenantId" = ${tenant} AND o."heldAt" IS NOT NULL AND ${inYear(Prisma.sql`o."startsAt"`, window)}`,
        aggregates: [COUNT],
        counts: [COUNT],
      };
    case "ASSIGNMENTS":
      return {
        facts: assignmentFacts(tenant, window),
        aggregates: [COUNT, ["persons", "count(DISTINCT person)::int"]],
        counts: [COUNT],
      };
    case "PARTICIPATION":
      return {
        facts: Prisma.sql`SELECT ${participantDimensions(window.year)}, ${localMonth(Prisma.sql`o."startsAt"`, window)} AS d_month,
            a."memberId" AS person, at."durationMinutes" AS minutes
          FROM "Attendance" at
          JOIN "Occasion" o ON o."tenantId" = ${tenant} AND o."id" = at."occasionId"
          JOIN "Assignment" a ON a."tenantId" = ${tenant} AND a."id" = at."assignmentId"
          JOIN "Request" r ON r."tenantId" = ${tenant} AND r."id" = a."requestId"
          JOIN "Member" m ON m."tenantId" = ${tenant} AND m."id" = a."memberId"
          WHERE at."tenantId" = ${tenant} AND at."attended" AND o."heldAt" IS NOT NULL AND ${inYear(Prisma.sql`o."startsAt"`, window)}`,
        aggregates: [COUNT, ["persons", "count(DISTINCT person)::int"], ["minutes", "COALESCE(sum(minutes), 0)::int"]],
        counts: [COUNT],
      };
    case "FEES":
      return {
        facts: Prisma.sql`SELECT ${participantDimensions(window.year)}, ${localMonth(Prisma.sql`f."paidAt"`, window)} AS d_month,
            f."memberId" AS person, f."grossOre" + f."preparationOre" AS gross, f."mileageOre" AS mileage, f."expensesOre" AS expenses
          FROM "FeeClaim" f
          JOIN "Assignment" a ON a."tenantId" = ${tenant} AND a."id" = f."assignmentId"
          JOIN "Request" r ON r."tenantId" = ${tenant} AND r."id" = a."requestId"
          JOIN "Member" m ON m."tenantId" = ${tenant} AND m."id" = f."memberId"
          WHERE f."tenantId" = ${tenant} AND f."status" = 'PAID' AND ${inYear(Prisma.sql`f."paidAt"`, window)}`,
        aggregates: [
          COUNT,
          ["persons", "count(DISTINCT person)::int"],
          ["gross", "COALESCE(sum(gross), 0)::float8"],
          ["mileage", "COALESCE(sum(mileage), 0)::float8"],
          ["expenses", "COALESCE(sum(expenses), 0)::float8"],
        ],
        counts: [COUNT],
      };
    case "REGISTRATIONS":
      return {
        facts: Prisma.sql`SELECT ms."networkId" AS d_network, ${perspectiveClass(Prisma.sql`m."perspectives"`)} AS d_perspective,
            ${ageBandAtYearEnd(window.year)} AS d_age_band, ${municipality} AS d_municipality,
            ${localMonth(Prisma.sql`ms."registeredAt"`, window)} AS d_month
          FROM "Membership" ms JOIN "Member" m ON m."tenantId" = ${tenant} AND m."id" = ms."memberId"
          WHERE ms."tenantId" = ${tenant} AND ${inYear(Prisma.sql`ms."registeredAt"`, window)}`,
        aggregates: [COUNT],
        counts: [COUNT],
      };
    case "FEEDBACK":
      return {
        facts: Prisma.sql`SELECT ${requestDimensions()}, ${localMonth(Prisma.sql`fb."createdAt"`, window)} AS d_month, fb."rating" AS rating
          FROM "Feedback" fb JOIN "Request" r ON r."tenantId" = ${tenant} AND r."id" = fb."requestId"
          WHERE fb."tenantId" = ${tenant} AND fb."rating" IS NOT NULL AND ${inYear(Prisma.sql`fb."createdAt"`, window)}`,
        aggregates: [COUNT, ["rating_sum", "COALESCE(sum(rating), 0)::int"]],
        counts: [COUNT],
      };
  }
}

/** Assignments carried out in the year (by the request's carrying out), with who carried them out. */
function assignmentFacts(tenant: Prisma.Sql, window: Window): Prisma.Sql {
  return Prisma.sql`SELECT ${participantDimensions(window.year)}, ${localMonth(Prisma.sql`r."carriedOutAt"`, window)} AS d_month,
      a."memberId" AS person
    FROM "Request" r
    JOIN "Assignment" a ON a."tenantId" = ${tenant} AND a."requestId" = r."id"
    JOIN "Member" m ON m."tenantId" = ${tenant} AND m."id" = a."memberId"
    WHERE r."tenantId" = ${tenant} AND a."status" = 'CARRIED_OUT' AND ${inYear(Prisma.sql`r."carriedOutAt"`, window)}`;
}

/** Every subset of the dimensions, each with month, with quarter and with neither: the whole cube of the year. */
function groupingSets(dimensions: readonly StatisticsDimensionKey[], withTime: boolean): Prisma.Sql {
  const subsets = dimensions.reduce<StatisticsDimensionKey[][]>((all, dimension) => all.flatMap((s) => [s, [...s, dimension]]), [[]]);
  const times = withTime ? ["d_month", "d_quarter", null] : [null];
  const sets = subsets.flatMap((subset) =>
    times.map((time) => {
      const columns = [...subset.map((dimension) => DIMENSION_COLUMN[dimension]), ...(time ? [time] : [])];
      return Prisma.raw(`(${columns.join(", ")})`);
    }),
  );
  return Prisma.join(sets, ", ");
}

/** The dimensions as their text keys, under their names; those of `all` not given as null (aggregated away). */
function selectDimensions(dimensions: readonly StatisticsDimensionKey[], all: readonly StatisticsDimensionKey[] = dimensions): string {
  return all
    .map((dimension) => `${dimensions.includes(dimension) ? `${DIMENSION_COLUMN[dimension]}::text` : "NULL::text"} AS "${dimension}"`)
    .join(", ");
}

/** The month as "01".."12" and the quarter as "Q1".."Q4", null where aggregated away. */
const MONTH_TEXT = "to_char(d_month, 'FM00')";
const QUARTER_TEXT = "'Q' || d_quarter";

type RawRow = Record<string, unknown>;

function toRow(raw: RawRow, dimensions: readonly StatisticsDimensionKey[], measureNames: readonly string[]): AggregateRow {
  const dims: Partial<Record<StatisticsDimensionKey, string | null>> = {};
  for (const dimension of dimensions) dims[dimension] = (raw[dimension] as string | null) ?? null;
  const measures: Record<string, number | null> = {};
  for (const name of measureNames) {
    const value = raw[name];
    measures[name] = value === null || value === undefined ? null : Number(value);
  }
  return { dims, month: (raw.month as string | null) ?? null, quarter: (raw.quarter as string | null) ?? null, measures };
}

/** The finest cells of a flow family: every dimension of the family × month, with the counts that are protected. */
export interface FinestRow {
  readonly dims: Readonly<Partial<Record<StatisticsDimensionKey, string>>>;
  readonly month: string | null;
  readonly counts: Readonly<Record<string, number>>;
  /** Pseudonymous numbers (1, 2, … within this answer) of the people behind the cell, for families about people. */
  readonly contributors: readonly number[] | null;
}

const PERSON_FAMILIES: ReadonlySet<FlowFamily> = new Set(["ASSIGNMENTS", "PARTICIPATION", "FEES"]);

/** Column names of a finest cell's counts in a reading that also returns aggregates (which may share names). */
const CELL_PREFIX = "cell_";

interface FlowReading {
  readonly aggregates: AggregateRow[];
  readonly finest: FinestRow[];
}

function figureColumns(figures: readonly Figure[]): string {
  return figures.map(([name, sql]) => `${sql} AS "${name}"`).join(", ");
}

/**
 * One reading of a flow family's year: its facts are selected once and grouped into its finest cells (all of the
 * family's dimensions × month, whatever the question, because small-cell protection covers every table that could be
 * asked) and into the cube of the asked `dimensions` × (year, quarter, month) (GROUPING SETS; null in a row means
 * "all"). Both come back as rows of one result,
 * told apart by `kind`, each with every column of both (null where it has none).
 *
 * For families about people the cells come split by person (most cells hold one): building an array of people per
 * cell in the database costs more than reading the facts, so the parts of a cell are joined here.
 */
export async function readFlow(
  tx: Tx,
  tenantId: string,
  family: FlowFamily,
  window: Window,
  dimensions: readonly StatisticsDimensionKey[],
): Promise<FlowReading> {
  const { facts, aggregates, counts } = familyQuery(family, tenantId, window);
  const familyDimensions = FAMILY_DIMENSIONS[family];
  const persons = PERSON_FAMILIES.has(family);
  const aggregateNames = aggregates.map(([name]) => name);
  const cellNames = counts.map(([name]) => `${CELL_PREFIX}${name}`);
  const measureColumns = (own: readonly string[], columns: readonly string[]) =>
    [...aggregateNames, ...cellNames].map((name) => `${own.includes(name) ? columns[own.indexOf(name)] : "NULL"} AS "${name}"`).join(", ");
  const cellKeys = [...familyDimensions.map((d) => DIMENSION_COLUMN[d]), "d_month", ...(persons ? ["contributor"] : [])].join(", ");
  // People are numbered in the order of their ids over all the family's facts: numbers of this answer only.
  const cellFacts = persons
    ? Prisma.sql`(SELECT facts.*, dense_rank() OVER (ORDER BY person)::int AS contributor FROM facts) AS numbered`
    : Prisma.sql`facts`;
  const ctes = [
    Prisma.sql`facts AS MATERIALIZED (SELECT f.*, (f.d_month + 2) / 3 AS d_quarter FROM (${facts}) f)`,
    Prisma.sql`cells AS (SELECT ${Prisma.raw(cellKeys)}, ${Prisma.raw(figureColumns(counts))} FROM ${cellFacts} GROUP BY ${Prisma.raw(cellKeys)})`,
  ];
  const cellMeasures = measureColumns(
    cellNames,
    counts.map(([name]) => `"${name}"`),
  );
  const branches = [
    Prisma.sql`SELECT 'cell' AS kind, ${Prisma.raw(selectDimensions(familyDimensions))}, ${Prisma.raw(MONTH_TEXT)} AS month, NULL AS quarter,
      ${Prisma.raw(cellMeasures)}, ${Prisma.raw(persons ? "contributor" : "NULL::int")} AS contributor FROM cells`,
  ];
  const groupKeys = [...dimensions.map((d) => DIMENSION_COLUMN[d]), "d_month", "d_quarter"].join(", ");
  ctes.push(
    Prisma.sql`cube_groups AS (SELECT ${Prisma.raw(groupKeys)}, ${Prisma.raw(figureColumns(aggregates))}
      FROM facts GROUP BY GROUPING SETS (${groupingSets(dimensions, true)}))`,
  );
  const aggregateMeasures = measureColumns(
    aggregateNames,
    aggregateNames.map((name) => `"${name}"`),
  );
  branches.push(
    Prisma.sql`SELECT 'aggregate' AS kind, ${Prisma.raw(selectDimensions(dimensions, familyDimensions))}, ${Prisma.raw(MONTH_TEXT)} AS month,
      ${Prisma.raw(QUARTER_TEXT)} AS quarter, ${Prisma.raw(aggregateMeasures)}, NULL::int AS contributor FROM cube_groups`,
  );

  await withoutParallelWorkers(tx);
  const raw = await tx.$queryRaw<RawRow[]>`WITH ${Prisma.join(ctes, ", ")} ${Prisma.join(branches, " UNION ALL ")}`;

  const aggregateRows: AggregateRow[] = [];
  const cells = new Map<
    string,
    { dims: Record<string, string>; month: string | null; counts: Record<string, number>; contributors: number[] | null }
  >();
  for (const row of raw) {
    if (row.kind === "aggregate") {
      aggregateRows.push(toRow(row, dimensions, aggregateNames));
      continue;
    }
    const dims = Object.fromEntries(familyDimensions.map((dimension) => [dimension, String(row[dimension])]));
    const month = (row.month as string | null) ?? null;
    const key = JSON.stringify([...familyDimensions.map((dimension) => dims[dimension]), month]);
    let cell = cells.get(key);
    if (!cell) {
      cell = { dims, month, counts: Object.fromEntries(counts.map(([name]) => [name, 0])), contributors: persons ? [] : null };
      cells.set(key, cell);
    }
    for (const [name] of counts) cell.counts[name] = (cell.counts[name] ?? 0) + Number(row[`${CELL_PREFIX}${name}`]);
    cell.contributors?.push(Number(row.contributor));
  }
  const finest: FinestRow[] = [];
  for (const cell of cells.values()) {
    cell.contributors?.sort((a, b) => a - b);
    finest.push(cell);
  }
  return { aggregates: aggregateRows, finest };
}

/**
 * The pool on each of several dates, at its finest cells (every dimension of the pool), in one query: memberships
 * active then (by the last intake step taken up to that instant), and of those the people never invited to a
 * request of that network up to it, and those invited but never given an assignment there (not cancelled) up to it.
 * One list of cells per date, in the order given.
 */
export async function finestPool(tx: Tx, tenantId: string, dates: readonly Date[], year: number): Promise<FinestRow[][]> {
  const tenant = Prisma.sql`${tenantId}::uuid`;
  const dimensions = FAMILY_DIMENSIONS.POOL;
  const columns = Prisma.raw(dimensions.map((dimension) => DIMENSION_COLUMN[dimension]).join(", "));
  const instants = dates.map((date) => date.toISOString()).join(",");
  // The last intake step up to a date is one step down the index on (membership, at, id). Whether a member was
  // ever asked by a network is read once for all dates, from the first invitation to each network.
  await withoutParallelWorkers(tx);
  const raw = await tx.$queryRaw<RawRow[]>`
    WITH dates AS (SELECT at::timestamptz AS at, (ordinality - 1)::int AS date_index
                   FROM unnest(string_to_array(${instants}, ',')) WITH ORDINALITY AS d(at, ordinality)),
    first_asked AS (
      SELECT i."memberId", r."networkId", min(i."invitedAt") AS at
      FROM "Invitation" i JOIN "Request" r ON r."tenantId" = ${tenant} AND r."id" = i."requestId"
      WHERE i."tenantId" = ${tenant}
      GROUP BY i."memberId", r."networkId"
    ),
    first_used AS (
      -- Used from the acceptance that made the assignment (a direct booking has no invitation: when it was recorded).
      SELECT a."memberId", r."networkId", min(coalesce(i."respondedAt", a."createdAt")) AS at
      FROM "Assignment" a JOIN "Request" r ON r."tenantId" = ${tenant} AND r."id" = a."requestId"
      LEFT JOIN "Invitation" i ON i."tenantId" = ${tenant} AND i."id" = a."invitationId"
      WHERE a."tenantId" = ${tenant} AND a."status" <> 'CANCELLED'
      GROUP BY a."memberId", r."networkId"
    ),
    facts AS (
      SELECT dates.date_index, ms."networkId" AS d_network, ${perspectiveClass(Prisma.sql`m."perspectives"`)} AS d_perspective,
        ${ageBandAtYearEnd(year)} AS d_age_band, ${municipality} AS d_municipality,
        (first_asked.at IS NULL OR first_asked.at > dates.at) AS never_asked,
        (first_asked.at <= dates.at AND (first_used.at IS NULL OR first_used.at > dates.at)) AS asked_never_used
      FROM dates
      JOIN "Membership" ms ON ms."tenantId" = ${tenant} AND ms."registeredAt" <= dates.at
      JOIN "Member" m ON m."tenantId" = ${tenant} AND m."id" = ms."memberId"
      LEFT JOIN first_asked ON first_asked."memberId" = ms."memberId" AND first_asked."networkId" = ms."networkId"
      LEFT JOIN first_used ON first_used."memberId" = ms."memberId" AND first_used."networkId" = ms."networkId"
      WHERE (SELECT e."toStatus" FROM "MembershipEvent" e
             WHERE e."tenantId" = ${tenant} AND e."membershipId" = ms."id" AND e."at" <= dates.at
             ORDER BY e."at" DESC, e."id" DESC LIMIT 1) = 'ACTIVE'
    )
    SELECT date_index, ${Prisma.raw(selectDimensions(dimensions))}, count(*)::int AS count, count(*) FILTER (WHERE never_asked)::int AS never_asked,
      count(*) FILTER (WHERE asked_never_used)::int AS asked_never_used
    FROM facts GROUP BY date_index, ${columns}`;
  const byDate: FinestRow[][] = dates.map(() => []);
  for (const row of raw) {
    byDate[Number(row.date_index)]?.push({
      dims: Object.fromEntries(dimensions.map((dimension) => [dimension, String(row[dimension])])),
      month: null,
      counts: { count: Number(row.count), never_asked: Number(row.never_asked), asked_never_used: Number(row.asked_never_used) },
      contributors: null,
    });
  }
  return byDate;
}

/**
 * How evenly carried-out assignments are spread: per group of `dimensions` (and once for all), the share of the
 * period's assignments that went to the most-used tenth of the people who had any (at least one person).
 */
export async function assignmentConcentration(
  tx: Tx,
  tenantId: string,
  dimensions: readonly StatisticsDimensionKey[],
  window: Window,
  months: readonly string[],
): Promise<AggregateRow[]> {
  const tenant = Prisma.sql`${tenantId}::uuid`;
  const keys = dimensions.map((dimension) => DIMENSION_COLUMN[dimension]);
  const partition = keys.length > 0 ? Prisma.raw(`PARTITION BY ${keys.join(", ")}`) : Prisma.empty;
  const groupKeys = Prisma.raw([...keys, "person"].join(", "));
  const outer = keys.length > 0 ? Prisma.sql`GROUP BY ${Prisma.raw(keys.join(", "))}` : Prisma.empty;
  const select = dimensions.length > 0 ? Prisma.sql`${Prisma.raw(selectDimensions(dimensions))},` : Prisma.empty;
  const monthNumbers = months.map(Number).join(",");
  await withoutParallelWorkers(tx);
  const raw = await tx.$queryRaw<RawRow[]>`
    WITH facts AS (SELECT * FROM (${assignmentFacts(tenant, window)}) f WHERE f.d_month = ANY (string_to_array(${monthNumbers}, ',')::int[])),
    per_person AS (SELECT ${groupKeys}, count(*) AS n FROM facts GROUP BY ${groupKeys}),
    ranked AS (
      SELECT *, row_number() OVER (${partition} ORDER BY n DESC) AS rank, count(*) OVER (${partition}) AS people
      FROM per_person
    )
    SELECT ${select} (sum(n) FILTER (WHERE rank <= ceil(people * 0.1)))::float8 / sum(n)::float8 AS share
    FROM ranked ${outer}`;
  const rows = raw.map((row) => toRow(row, dimensions, ["share"]));
  return rows;
}

export function findStatisticsSettings(tx: Tx, tenantId: string) {
  return tx.tenant.findFirst({ where: { id: tenantId }, select: { smallCellThreshold: true, timeZone: true, name: true, slug: true } });
}

/** Names for the group keys: networks, units, assignment types. */
export async function findGroupLabels(tx: Tx, tenantId: string) {
  const [networks, units, assignmentTypes] = await Promise.all([
    tx.network.findMany({ where: { tenantId }, select: { id: true, name: true } }),
    tx.unit.findMany({ where: { tenantId }, select: { id: true, name: true } }),
    tx.assignmentType.findMany({ where: { tenantId }, select: { id: true, labelSv: true, labelEn: true } }),
  ]);
  return { networks, units, assignmentTypes };
}

/**
 * The tenant's statistics data version (migration 20261208150000): a token every committed change to what this file
 * reads replaces, in the writing transaction. Null for a tenant none has been recorded for yet.
 */
export async function readStatisticsVersion(tx: Tx, tenantId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ version: string }[]>`
    SELECT "version"::text AS version FROM "StatisticsDataVersion" WHERE "tenantId" = ${tenantId}::uuid`;
  return rows[0]?.version ?? null;
}

/**
 * The first instant after `after` at which the pool counted at "now" (finestPool) could change without any write:
 * the earliest registration, intake step, invitation, answer or assignment dated later than `after` (data dated
 * ahead). finestPool compares only these instants with the date it counts at, so the pool counted at any instant
 * from `after` up to (not including) this one is the pool counted at `after`. Null when nothing is dated later.
 */
export async function nextPoolChange(tx: Tx, tenantId: string, after: Date): Promise<Date | null> {
  const tenant = Prisma.sql`${tenantId}::uuid`;
  const at = Prisma.sql`${after.toISOString()}::timestamptz`;
  const rows = await tx.$queryRaw<{ at: Date | null }[]>`
    SELECT LEAST(
      (SELECT min(ms."registeredAt") FROM "Membership" ms WHERE ms."tenantId" = ${tenant} AND ms."registeredAt" > ${at}),
      (SELECT min(e."at") FROM "MembershipEvent" e WHERE e."tenantId" = ${tenant} AND e."at" > ${at}),
      (SELECT min(i."invitedAt") FROM "Invitation" i WHERE i."tenantId" = ${tenant} AND i."invitedAt" > ${at}),
      (SELECT min(i."respondedAt") FROM "Invitation" i WHERE i."tenantId" = ${tenant} AND i."respondedAt" > ${at}),
      (SELECT min(a."createdAt") FROM "Assignment" a WHERE a."tenantId" = ${tenant} AND a."createdAt" > ${at})
    ) AS at`;
  const found = rows[0]?.at ?? null;
  return found === null ? null : new Date(found);
}
