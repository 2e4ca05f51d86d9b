// Rows as PostgreSQL COPY text, loaded with pg-copy-streams: an order of magnitude faster than INSERTs for the
// millions of rows of the national data set. Values are encoded here once, as the rows are generated.
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type CopyValue = string | number | boolean | Date | null | undefined | readonly string[] | { readonly [key: string]: unknown };

/** Marks a value of a `@db.Date` column: written as the calendar date, not an instant. */
export class CalendarDate {
  constructor(readonly iso: string) {}
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r");
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

export function encode(value: CopyValue | CalendarDate): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  if (value instanceof CalendarDate) return value.iso;
  if (Array.isArray(value)) return escapeText(arrayLiteral(value as readonly string[]));
  return escapeText(JSON.stringify(value));
}

/** One table's rows of one tenant, kept as COPY text in chunks until they are streamed to the server. */
export class CopyTable {
  private readonly chunks: string[] = [];
  private current: string[] = [];
  private size = 0;
  rows = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(values: ReadonlyArray<CopyValue | CalendarDate>): void {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    }
    const line = `${values.map(encode).join("\t")}\n`;
    this.current.push(line);
    this.size += line.length;
    this.rows += 1;
    if (this.size > 1 << 20) this.seal();
  }

  private seal(): void {
    if (this.current.length === 0) return;
    this.chunks.push(this.current.join(""));
    this.current = [];
    this.size = 0;
  }

  /** Streams every row with one COPY; the table is empty afterwards. */
  async load(client: pg.PoolClient | pg.Client): Promise<number> {
    this.seal();
    if (this.chunks.length === 0) return 0;
    const columns = this.columns.map((column) => `"${column}"`).join(", ");
    const stream = client.query(copyFrom(`COPY "${this.table}" (${columns}) FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
    });
    for (const chunk of this.chunks.splice(0)) {
      if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", resolve));
    }
    stream.end();
    await done;
    const rows = this.rows;
    this.rows = 0;
    return rows;
  }
}
