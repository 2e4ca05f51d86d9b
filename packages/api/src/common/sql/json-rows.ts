import { Prisma } from "@medverkan/database";

// For repositories that read many rows in one raw query. Prisma's raw queries convert every value of every row in
// JavaScript (and the query compiler sees them on the way); a page of requests with its invitations is thousands of
// values, and that conversion cost more CPU than the database spent answering (issue 10). Aggregated by PostgreSQL
// into one JSON value, the rows cross as one string and one parse.

/** The columns of a row, each the SQL expression that reads it; the row's keys are the column names. */
export type ColumnsOf<Row> = { readonly [Key in keyof Row]: Prisma.Sql };

/** Columns read as JSON, for many rows at a time, or as ordinary columns. */
export class JsonRows<Row extends object> {
  private readonly keys: readonly (keyof Row & string)[];
  private readonly dateIndexes: readonly number[];

  /** `dates` are the timestamp columns: JSON carries them as ISO 8601 text, and they are read back as `Date`s. */
  constructor(
    private readonly columns: ColumnsOf<Row>,
    dates: readonly (keyof Row & string)[],
  ) {
    this.keys = Object.keys(columns) as (keyof Row & string)[];
    this.dateIndexes = dates.map((key) => this.keys.indexOf(key));
  }

  /** `expression AS "name", …`: the columns for a query that returns few rows, read as they are. */
  get select(): Prisma.Sql {
    return Prisma.join(
      this.keys.map((key) => Prisma.sql`${this.columns[key]} AS ${Prisma.raw(`"${key}"`)}`),
      ", ",
    );
  }

  /**
   * One JSON array with an array of the column values per row (positional: names are not repeated per row), `[]`
   * when there are none. `orderBy` orders the rows inside the aggregate, where row order is otherwise undefined.
   */
  aggregate(orderBy: Prisma.Sql): Prisma.Sql {
    const values = Prisma.join(
      this.keys.map((key) => this.columns[key]),
      ", ",
    );
    return Prisma.sql`COALESCE(json_agg(json_build_array(${values}) ORDER BY ${orderBy}), '[]'::json)`;
  }

  /** The rows of an `aggregate` value. */
  read(aggregated: unknown): Row[] {
    const rows = aggregated as unknown[][];
    const keys = this.keys;
    return rows.map((values) => {
      for (const index of this.dateIndexes) {
        const value = values[index];
        if (value !== null) values[index] = new Date(value as string);
      }
      const row: Record<string, unknown> = {};
      for (let index = 0; index < keys.length; index += 1) row[keys[index] as string] = values[index];
      return row as Row;
    });
  }
}
