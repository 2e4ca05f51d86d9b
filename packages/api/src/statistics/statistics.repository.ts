import { Prisma } from "@medverkan/database";
import { AGE_BAND_LIMITS, AGE_BANDS } from "@medverkan/domain";
import type { Tx } from "../context/tenant-scope.js";

// Statistics are aggregated in the database: each family of figures is one query over its facts (requests,
// occasions, assignments, attendance, paid fee claims, registrations, feedback, the pool at a date) grouped by
// GROUPING SETS into every table of the cube at once. Only group keys and sums leave the database. Every
// identifier in the SQL is a constant of this file; input arrives only as bound parameters.

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

/** A single perspective, SEVERAL or NONE: exclusive classes, so groups add up to the total. */
function perspectiveClass(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE cardinality(${column}) WHEN 0 THEN 'NONE' WHEN 1 THEN (${column})[1]::text ELSE 'SEVERAL' END`;
}

/** Age band on 31 December of the year (as `ageOn` reads a birth year on that day), from the domain's band limits. */
function ageBandAtYearEnd(year: number): Prisma.Sql {
  const age = Prisma.sql`(${year}::int - COALESCE(EXTRACT(YEAR FROM m."birthDate")::int, m."birthYear"))`;
  const branches = AGE_BANDS.map((band) => {
    const max = AGE_BAND_LIMITS[band].max;
    return max === null ? Prisma.sql`ELSE ${band}` : Prisma.sql`WHEN ${age} <= ${max}::int THEN ${band}`;
  });
  return Prisma.sql`CASE WHEN ${age} IS NULL THEN 'UNKNOWN' ${Prisma.join(branches, " ")} END`;
}

const municipality = Prisma.sql`COALESCE(NULLIF(m."municipality", ''), 'UNKNOWN')`;

function localMonth(column: Prisma.Sql, window: Window): Prisma.Sql {
  return Prisma.sql`to_char(${column} AT TIME ZONE ${window.timeZone}, 'MM')`;
}

/** The instant range of the calendar year in the tenant's time zone. */
function inYear(column: Prisma.Sql, window: Window): Prisma.Sql {
  return Prisma.sql`${column} >= (make_timestamp(${window.year}::int, 1, 1, 0, 0, 0) AT TIME ZONE ${window.timeZone})
    AND ${column} < (make_timestamp(${window.year + 1}::int, 1, 1, 0, 0, 0) AT TIME ZONE ${window.timeZone})`;
}

function requestDimensions(): Prisma.Sql {
  return Prisma.sql`r."networkId"::text AS d_network, r."assignmentTypeId"::text AS d_assignment_type, r."unitId"::text AS d_unit,
    ${perspectiveClass(Prisma.sql`r."perspectivesSought"`)} AS d_perspective`;
}

function participantDimensions(year: number): Prisma.Sql {
  return Prisma.sql`r."networkId"::text AS d_network, r."assignmentTypeId"::text AS d_assignment_type, r."unitId"::text AS d_unit,
    ${perspectiveClass(Prisma.sql`m."perspectives"`)} AS d_perspective, ${ageBandAtYearEnd(year)} AS d_age_band,
    ${municipality} AS d_municipality`;
}

// ─── Families ───────────────────────────────────────────────────────────────────────────────────────────────

interface FamilyQuery {
  readonly facts: Prisma.Sql;
  readonly aggregates: Prisma.Sql;
}

function familyQuery(family: FlowFamily, tenantId: string, window: Window): FamilyQuery {
  const tenant = Prisma.sql`${tenantId}::uuid`;
  switch (family) {
    case "REQUESTS":
      return {
        facts: Prisma.sql`SELECT ${requestDimensions()}, ${localMonth(Prisma.sql`r."submittedAt"`, window)} AS d_month,
            r."status"::text AS status, r."numberOfPersons" AS asked_for,
            (SELECT count(*) FROM "Invitation" i WHERE i."tenantId" = r."tenantId" AND i."requestId" = r."id" AND i."status" = 'ACCEPTED')::int AS accepted,
            CASE WHEN r."filledAt" IS NOT NULL THEN EXTRACT(EPOCH FROM (r."filledAt" - r."submittedAt")) / 86400.0 END AS days_to_filled
          FROM "Request" r WHERE r."tenantId" = ${tenant} AND ${inYear(Prisma.sql`r."submittedAt"`, window)}`,
        aggregates: Prisma.sql`count(*)::int AS count,
          count(*) FILTER (WHERE status = 'DECLINED')::int AS declined,
          count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
          COALESCE(sum(asked_for), 0)::int AS asked_for,
          COALESCE(sum(accepted), 0)::int AS accepted,
          count(days_to_filled)::int AS filled,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_filled) AS median_days,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY days_to_filled) AS p90_days`,
      };
    case "OCCASIONS":
      return {
        facts: Prisma.sql`SELECT ${requestDimensions()}, ${localMonth(Prisma.sql`o."startsAt"`, window)} AS d_month
          FROM "Occasion" o JOIN "Request" r ON r."tenantId" = o."tenantId" AND r."id" = o."requestId"
          WHERE o."tenantId" = ${tenant} AND o."heldAt" IS NOT NULL AND ${inYear(Prisma.sql`o."startsAt"`, window)}`,
        aggregates: Prisma.sql`count(*)::int AS count`,
      };
    case "ASSIGNMENTS":
      return {
        facts: Prisma.sql`SELECT ${participantDimensions(window.year)}, ${localMonth(Prisma.sql`r."carriedOutAt"`, window)} AS d_month,
            a."memberId" AS person
          FROM "Assignment" a
          JOIN "Request" r ON r."tenantId" = a."tenantId" AND r."id" = a."requestId"
          JOIN "Member" m ON m."tenantId" = a."tenantId" AND m."id" = a."memberId"
          WHERE a."tenantId" = ${tenant} AND a."status" = 'CARRIED_OUT' AND ${inYear(Prisma.sql`r."carriedOutAt"`, window)}`,
        aggregates: Prisma.sql`count(*)::int AS count, count(DISTINCT person)::int AS persons`,
      };
    case "PARTICIPATION":
      return {
        facts: Prisma.sql`SELECT ${participantDimensions(window.year)}, ${localMonth(Prisma.sql`o."startsAt"`, window)} AS d_month,
            a."memberId" AS person, at."durationMinutes" AS minutes
          FROM "Attendance" at
          JOIN "Occasion" o ON o."tenantId" = at."tenantId" AND o."id" = at."occasionId"
          JOIN "Assignment" a ON a."tenantId" = at."tenantId" AND a."id" = at."assignmentId"
          JOIN "Request" r ON r."tenantId" = a."tenantId" AND r."id" = a."requestId"
          JOIN "Member" m ON m."tenantId" = a."tenantId" AND m."id" = a."memberId"
          WHERE at."tenantId" = ${tenant} AND at."attended" AND o."heldAt" IS NOT NULL AND ${inYear(Prisma.sql`o."startsAt"`, window)}`,
        aggregates: Prisma.sql`count(*)::int AS count, count(DISTINCT person)::int AS persons, COALESCE(sum(minutes), 0)::int AS minutes`,
      };
    case "FEES":
      return {
        facts: Prisma.sql`SELECT ${participantDimensions(window.year)}, ${localMonth(Prisma.sql`f."paidAt"`, window)} AS d_month,
            f."memberId" AS person, f."grossOre" + f."preparationOre" AS gross, f."mileageOre" AS mileage, f."expensesOre" AS expenses
          FROM "FeeClaim" f
          JOIN "Assignment" a ON a."tenantId" = f."tenantId" AND a."id" = f."assignmentId"
          JOIN "Request" r ON r."tenantId" = a."tenantId" AND r."id" = a."requestId"
          JOIN "Member" m ON m."tenantId" = f."tenantId" AND m."id" = f."memberId"
          WHERE f."tenantId" = ${tenant} AND f."status" = 'PAID' AND ${inYear(Prisma.sql`f."paidAt"`, window)}`,
        aggregates: Prisma.sql`count(*)::int AS count, count(DISTINCT person)::int AS persons,
          COALESCE(sum(gross), 0)::float8 AS gross, COALESCE(sum(mileage), 0)::float8 AS mileage, COALESCE(sum(expenses), 0)::float8 AS expenses`,
      };
    case "REGISTRATIONS":
      return {
        facts: Prisma.sql`SELECT ms."networkId"::text AS d_network, ${perspectiveClass(Prisma.sql`m."perspectives"`)} AS d_perspective,
            ${ageBandAtYearEnd(window.year)} AS d_age_band, ${municipality} AS d_municipality,
            ${localMonth(Prisma.sql`ms."registeredAt"`, window)} AS d_month
          FROM "Membership" ms JOIN "Member" m ON m."tenantId" = ms."tenantId" AND m."id" = ms."memberId"
          WHERE ms."tenantId" = ${tenant} AND ${inYear(Prisma.sql`ms."registeredAt"`, window)}`,
        aggregates: Prisma.sql`count(*)::int AS count`,
      };
    case "FEEDBACK":
      return {
        facts: Prisma.sql`SELECT ${requestDimensions()}, ${localMonth(Prisma.sql`fb."createdAt"`, window)} AS d_month, fb."rating" AS rating
          FROM "Feedback" fb JOIN "Request" r ON r."tenantId" = fb."tenantId" AND r."id" = fb."requestId"
          WHERE fb."tenantId" = ${tenant} AND fb."rating" IS NOT NULL AND ${inYear(Prisma.sql`fb."createdAt"`, window)}`,
        aggregates: Prisma.sql`count(*)::int AS count, COALESCE(sum(rating), 0)::int AS rating_sum`,
      };
  }
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

function selectDimensions(dimensions: readonly StatisticsDimensionKey[]): Prisma.Sql {
  return Prisma.raw(dimensions.map((dimension) => `${DIMENSION_COLUMN[dimension]} AS "${dimension}"`).join(", "));
}

type RawRow = Record<string, unknown>;

function toRow(raw: RawRow, dimensions: readonly StatisticsDimensionKey[], reserved: ReadonlySet<string>): AggregateRow {
  const dims: Partial<Record<StatisticsDimensionKey, string | null>> = {};
  for (const dimension of dimensions) dims[dimension] = (raw[dimension] as string | null) ?? null;
  const measures: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (reserved.has(name)) continue;
    measures[name] = value === null || value === undefined ? null : Number(value);
  }
  return { dims, month: (raw.month as string | null) ?? null, quarter: (raw.quarter as string | null) ?? null, measures };
}

/**
 * A flow family's figures for a calendar year, at every level of the cube of `dimensions` × (year, quarter, month).
 * A null dimension, month or quarter in a row means "all".
 */
export async function aggregateFlow(
  tx: Tx,
  tenantId: string,
  family: FlowFamily,
  dimensions: readonly StatisticsDimensionKey[],
  window: Window,
): Promise<AggregateRow[]> {
  const { facts, aggregates } = familyQuery(family, tenantId, window);
  const select = dimensions.length > 0 ? Prisma.sql`${selectDimensions(dimensions)},` : Prisma.empty;
  const raw = await tx.$queryRaw<RawRow[]>`
    WITH facts AS (SELECT f.*, 'Q' || ((f.d_month::int + 2) / 3)::text AS d_quarter FROM (${facts}) f)
    SELECT ${select} d_month AS month, d_quarter AS quarter, ${aggregates}
    FROM facts GROUP BY GROUPING SETS (${groupingSets(dimensions, true)})`;
  const reserved = new Set<string>([...dimensions, "month", "quarter"]);
  return raw.map((row) => toRow(row, dimensions, reserved));
}

/** The finest cells of a flow family: every dimension of the family × month, with the counts that are protected. */
export interface FinestRow {
  readonly dims: Readonly<Partial<Record<StatisticsDimensionKey, string>>>;
  readonly month: string | null;
  readonly counts: Readonly<Record<string, number>>;
  /** Pseudonymous numbers (1, 2, … within this answer) of the people behind the cell, for families about people. */
  readonly contributors: readonly number[] | null;
}

const FLOW_COUNT_COLUMNS: Readonly<Record<FlowFamily, string>> = {
  REQUESTS: `count(*)::int AS count, count(*) FILTER (WHERE status = 'DECLINED')::int AS declined,
    count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled, COALESCE(sum(accepted), 0)::int AS accepted`,
  OCCASIONS: "count(*)::int AS count",
  ASSIGNMENTS: "count(*)::int AS count",
  PARTICIPATION: "count(*)::int AS count",
  FEES: "count(*)::int AS count",
  REGISTRATIONS: "count(*)::int AS count",
  FEEDBACK: "count(*)::int AS count",
};

const PERSON_FAMILIES: ReadonlySet<FlowFamily> = new Set(["ASSIGNMENTS", "PARTICIPATION", "FEES"]);

/**
 * A flow family's finest cells for a calendar year: grouped by all of the family's dimensions and month, whatever
 * the question, because small-cell protection covers every table that could be asked. For families about people
 * the people behind each cell come as numbers that mean nothing outside this answer, so the protection can count
 * the distinct people of any group.
 */
export async function finestFlow(tx: Tx, tenantId: string, family: FlowFamily, window: Window): Promise<FinestRow[]> {
  const { facts } = familyQuery(family, tenantId, window);
  const dimensions = FAMILY_DIMENSIONS[family];
  const columns = Prisma.raw(dimensions.map((dimension) => DIMENSION_COLUMN[dimension]).join(", "));
  const persons = PERSON_FAMILIES.has(family);
  const raw = await tx.$queryRaw<RawRow[]>`
    WITH facts AS (SELECT f.*${persons ? Prisma.sql`, dense_rank() OVER (ORDER BY f.person) AS contributor` : Prisma.empty} FROM (${facts}) f)
    SELECT ${selectDimensions(dimensions)}, d_month AS month, ${Prisma.raw(FLOW_COUNT_COLUMNS[family])}
      ${persons ? Prisma.sql`, array_agg(DISTINCT contributor::int) AS contributors` : Prisma.empty}
    FROM facts GROUP BY ${columns}, d_month`;
  return raw.map((row) => finestRow(row, dimensions));
}

function finestRow(raw: RawRow, dimensions: readonly StatisticsDimensionKey[]): FinestRow {
  const dims: Partial<Record<StatisticsDimensionKey, string>> = {};
  for (const dimension of dimensions) dims[dimension] = String(raw[dimension]);
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name === "month" || name === "contributors" || (dimensions as readonly string[]).includes(name)) continue;
    counts[name] = Number(value);
  }
  const contributors = Array.isArray(raw.contributors) ? raw.contributors.map(Number) : null;
  return { dims, month: (raw.month as string | null) ?? null, counts, contributors };
}

/**
 * The pool on each of several dates, at its finest cells (every dimension of the pool), in one query: memberships
 * active then (by the last intake step taken up to that instant), and of those the people never invited to a
 * request of that network up to it. One list of cells per date, in the order given.
 */
export async function finestPool(tx: Tx, tenantId: string, dates: readonly Date[], year: number): Promise<FinestRow[][]> {
  const tenant = Prisma.sql`${tenantId}::uuid`;
  const dimensions = FAMILY_DIMENSIONS.POOL;
  const columns = Prisma.raw(dimensions.map((dimension) => DIMENSION_COLUMN[dimension]).join(", "));
  const instants = dates.map((date) => date.toISOString()).join(",");
  const raw = await tx.$queryRaw<RawRow[]>`
    WITH dates AS (SELECT at::timestamptz AS at, (ordinality - 1)::int AS date_index
                   FROM unnest(string_to_array(${instants}, ',')) WITH ORDINALITY AS d(at, ordinality)),
    facts AS (
      SELECT dates.date_index, ms."networkId"::text AS d_network, ${perspectiveClass(Prisma.sql`m."perspectives"`)} AS d_perspective,
        ${ageBandAtYearEnd(year)} AS d_age_band, ${municipality} AS d_municipality,
        NOT EXISTS (
          SELECT 1 FROM "Invitation" i JOIN "Request" r ON r."tenantId" = i."tenantId" AND r."id" = i."requestId"
          WHERE i."tenantId" = ms."tenantId" AND i."memberId" = ms."memberId" AND r."networkId" = ms."networkId" AND i."invitedAt" <= dates.at
        ) AS never_asked
      FROM dates
      JOIN "Membership" ms ON ms."tenantId" = ${tenant} AND ms."registeredAt" <= dates.at
      JOIN "Member" m ON m."tenantId" = ms."tenantId" AND m."id" = ms."memberId"
      WHERE (SELECT e."toStatus" FROM "MembershipEvent" e
             WHERE e."tenantId" = ms."tenantId" AND e."membershipId" = ms."id" AND e."at" <= dates.at
             ORDER BY e."at" DESC, e."id" DESC LIMIT 1) = 'ACTIVE'
    )
    SELECT date_index, ${selectDimensions(dimensions)}, count(*)::int AS count, count(*) FILTER (WHERE never_asked)::int AS never_asked
    FROM facts GROUP BY date_index, ${columns}`;
  const byDate: FinestRow[][] = dates.map(() => []);
  for (const row of raw) {
    byDate[Number(row.date_index)]?.push({
      dims: Object.fromEntries(dimensions.map((dimension) => [dimension, String(row[dimension])])),
      month: null,
      counts: { count: Number(row.count), never_asked: Number(row.never_asked) },
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
  const { facts } = familyQuery("ASSIGNMENTS", tenantId, window);
  const keys = dimensions.map((dimension) => DIMENSION_COLUMN[dimension]);
  const partition = keys.length > 0 ? Prisma.raw(`PARTITION BY ${keys.join(", ")}`) : Prisma.empty;
  const groupKeys = Prisma.raw([...keys, "person"].join(", "));
  const outer = keys.length > 0 ? Prisma.sql`GROUP BY ${Prisma.raw(keys.join(", "))}` : Prisma.empty;
  const select = dimensions.length > 0 ? Prisma.sql`${selectDimensions(dimensions)},` : Prisma.empty;
  const raw = await tx.$queryRaw<RawRow[]>`
    WITH facts AS (SELECT * FROM (${facts}) f WHERE f.d_month = ANY (string_to_array(${months.join(",")}, ','))),
    per_person AS (SELECT ${groupKeys}, count(*) AS n FROM facts GROUP BY ${groupKeys}),
    ranked AS (
      SELECT *, row_number() OVER (${partition} ORDER BY n DESC) AS rank, count(*) OVER (${partition}) AS people
      FROM per_person
    )
    SELECT ${select} (sum(n) FILTER (WHERE rank <= ceil(people * 0.1)))::float8 / sum(n)::float8 AS share
    FROM ranked ${outer}`;
  return raw.map((row) => toRow(row, dimensions, new Set(dimensions)));
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
