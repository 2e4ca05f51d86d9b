import { Prisma } from "@medverkan/database";
import type { FieldError, Locale } from "@medverkan/domain";
import { type ClassType, Field, InputType, registerEnumType } from "type-graphql";
import { badUserInput } from "../errors/api-error.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageArgs } from "./connection.js";

/**
 * Sorted lists with keyset pagination on (sort key, id): a page continues strictly after the last item's
 * (key, id), so inserts and deletes between pages never cause gaps or repeats. A cursor names the ordering it was
 * made for; a cursor from another ordering is refused.
 */
export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, { name: "SortDirection", description: "Ascending (oldest, smallest first) or descending." });

/** The database type of a sort column (how a cursor's key is read back). Every sort column is NOT NULL. */
export type SortKeyType = "uuid" | "timestamptz" | "date" | "int" | "text";
type SortKey = string | number | Date;

/** One list's orderings: each field's key type and how to read the key from a listed item. */
export interface Sorting<F extends string, T> {
  /** The list's name, in its cursors: a cursor of another list is refused. */
  list: string;
  fields: Record<F, { type: SortKeyType; key: (item: T) => SortKey }>;
  default: { field: F; direction: SortDirection };
}

export interface OrderByValue<F extends string> {
  field: F;
  direction: SortDirection;
}

/** An `orderBy` input type for one list: `{ field, direction }`; the default is named in the descriptions. */
export function OrderByInput<F extends string>(
  name: string,
  fieldEnum: Record<string, F>,
  defaults: { field: F; direction: SortDirection },
): ClassType<OrderByValue<F>> {
  @InputType(name, { description: `Sort order (default ${defaults.field} ${defaults.direction}); ties are broken by id.` })
  class OrderBy {
    @Field(() => fieldEnum, { nullable: true, description: `Default ${defaults.field}.` })
    field!: F;

    @Field(() => SortDirection, { nullable: true, description: `Default ${defaults.direction}.` })
    direction!: SortDirection;
  }
  return OrderBy;
}

export interface SortedPageRequest<F extends string = string> {
  take: number;
  list: string;
  field: F;
  direction: SortDirection;
  type: SortKeyType;
  after: { key: SortKey; id: string } | null;
}

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const orderingOf = (request: Pick<SortedPageRequest, "list" | "field" | "direction">) =>
  `${request.list}:${request.field}:${request.direction}`;

function cursorOf(request: SortedPageRequest, key: SortKey, id: string): string {
  const k = key instanceof Date ? (request.type === "date" ? key.toISOString().slice(0, 10) : key.toISOString()) : key;
  return Buffer.from(JSON.stringify({ v: 2, o: orderingOf(request), k, i: id }), "utf8").toString("base64url");
}

function readKey(type: SortKeyType, raw: unknown): SortKey | null {
  if (type === "int") return Number.isSafeInteger(raw) ? (raw as number) : null;
  if (typeof raw !== "string") return null;
  if (type === "text") return raw.length <= 1000 ? raw : null;
  if (type === "uuid") return ID_PATTERN.test(raw) ? raw : null;
  // A calendar date (YYYY-MM-DD) is compared as midnight UTC, how a date column reads back.
  if (type === "date")
    return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) ? new Date(`${raw}T00:00:00Z`) : null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) || date.toISOString() !== raw ? null : date;
}

type DecodedCursor = { ordering: string; key: unknown; id: string } | null;

function decode(cursor: string): DecodedCursor {
  try {
    const decoded = Buffer.from(cursor, "base64url").toString("utf8");
    // Cursors from before orderBy (`v1:<id>`) still page any ordering by id (creation order).
    const legacy = /^v1:([0-9a-f-]{36})$/.exec(decoded);
    if (legacy?.[1]) return { ordering: "", key: legacy[1], id: legacy[1] };
    const value = JSON.parse(decoded) as { v?: unknown; o?: unknown; k?: unknown; i?: unknown };
    if (value.v !== 2 || typeof value.o !== "string" || typeof value.i !== "string" || !ID_PATTERN.test(value.i)) return null;
    return { ordering: value.o, key: value.k, id: value.i };
  } catch {
    return null;
  }
}

/** Validates `first`, `after` and `orderBy` against one list's orderings. */
export function toSortedPageRequest<F extends string, T>(
  args: PageArgs,
  orderBy: Partial<OrderByValue<F>> | null | undefined,
  sorting: Sorting<F, T>,
  locale: Locale,
): SortedPageRequest<F> {
  const errors: FieldError[] = [];
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    errors.push({
      field: "first",
      code: "OUT_OF_RANGE",
      message: { sv: `Antal per sida måste vara mellan 1 och ${MAX_PAGE_SIZE}.`, en: `Page size must be between 1 and ${MAX_PAGE_SIZE}.` },
    });
  }
  const field = orderBy?.field ?? sorting.default.field;
  const direction = orderBy?.direction ?? sorting.default.direction;
  const type = sorting.fields[field].type;
  let after: SortedPageRequest<F>["after"] = null;
  if (args.after) {
    const cursor = decode(args.after);
    const sameOrdering =
      cursor && (cursor.ordering === "" ? type === "uuid" : cursor.ordering === orderingOf({ list: sorting.list, field, direction }));
    const key = cursor && sameOrdering ? readKey(type, cursor.key) : null;
    if (cursor && !sameOrdering) {
      errors.push({
        field: "after",
        code: "INCONSISTENT",
        message: {
          sv: "Markören (cursor) hör till en annan sortering; börja om från första sidan.",
          en: "The cursor belongs to another ordering; start again from the first page.",
        },
      });
    } else if (!cursor || key === null) {
      errors.push({
        field: "after",
        code: "INVALID_FORMAT",
        message: { sv: "Markören (cursor) är ogiltig.", en: "The cursor is not valid." },
      });
    } else {
      after = { key, id: cursor.id };
    }
  }
  if (errors.length > 0) throw badUserInput(errors, locale);
  return { take: first, list: sorting.list, field, direction, type, after };
}

/** A page from rows fetched with `take + 1`; every item's cursor encodes the ordering and its (key, id). */
export function toSortedPage<F extends string, T extends { id: string }>(
  rows: T[],
  request: SortedPageRequest<F>,
  sorting: Sorting<F, T>,
  totalCount: number,
): Page<T> {
  const nodes = rows.slice(0, request.take);
  const key = sorting.fields[request.field].key;
  const cursors = nodes.map((node) => cursorOf(request, key(node), node.id));
  return {
    nodes,
    totalCount,
    cursors,
    pageInfo: { hasNextPage: rows.length > request.take, endCursor: cursors.at(-1) ?? null },
  };
}

/** Prisma arguments (`take`, `orderBy`, the keyset `where`) for a sorted page; `columns` maps each field to a model field. */
export function sortedPageQuery<F extends string>(request: SortedPageRequest<F>, columns: Record<F, string>) {
  const column = columns[request.field];
  const dir = request.direction === SortDirection.ASC ? ("asc" as const) : ("desc" as const);
  const op = dir === "asc" ? "gt" : "lt";
  const orderBy = column === "id" ? [{ id: dir }] : [{ [column]: dir }, { id: dir }];
  const where = request.after
    ? column === "id"
      ? { id: { [op]: request.after.id } }
      : { OR: [{ [column]: { [op]: request.after.key } }, { [column]: request.after.key, id: { [op]: request.after.id } }] }
    : undefined;
  return { take: request.take + 1, orderBy, ...(where ? { where } : {}) };
}

/** Raw SQL pieces for a sorted page: `orderBy` (without ORDER BY) and `after` (an AND condition or nothing). */
export function sortedPageSql<F extends string>(request: SortedPageRequest<F>, columns: Record<F, Prisma.Sql>, id: Prisma.Sql) {
  const column = columns[request.field];
  const dir = request.direction === SortDirection.ASC ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const op = request.direction === SortDirection.ASC ? Prisma.sql`>` : Prisma.sql`<`;
  const cast = Prisma.raw(request.type);
  const key = request.after?.key instanceof Date ? request.after.key.toISOString() : request.after?.key;
  return {
    orderBy: Prisma.sql`${column} ${dir}, ${id} ${dir}`,
    after: request.after ? Prisma.sql`AND (${column}, ${id}) ${op} (${key}::${cast}, ${request.after.id}::uuid)` : Prisma.empty,
  };
}
