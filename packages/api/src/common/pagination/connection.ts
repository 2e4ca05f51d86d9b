import type { FieldError, Locale } from "@medverkan/domain";
import { ArgsType, type ClassType, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { badUserInput } from "../errors/api-error.js";

/** The largest page any connection serves (SECURITY.md: page size ≤ 100). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The `endCursor` of the previous page." })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A validated page request: ids are UUID v7, so ordering by id is ordering by creation. */
export interface PageRequest {
  take: number;
  afterId: string | null;
}

export interface Page<T> {
  nodes: T[];
  /** Each node's cursor, when the list is sorted (see ordering.ts); otherwise a node's cursor is its id's. */
  cursors?: string[];
  totalCount: number;
  pageInfo: PageInfo;
}

export const encodeCursor = (id: string) => Buffer.from(`v1:${id}`, "utf8").toString("base64url");

function decodeCursor(cursor: string): string | null {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^v1:([0-9a-f-]{36})$/.exec(decoded);
  return match?.[1] ?? null;
}

export function toPageRequest(args: PageArgs, locale: Locale): PageRequest {
  const errors: FieldError[] = [];
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    errors.push({
      field: "first",
      code: "OUT_OF_RANGE",
      message: {
        sv: `Antal per sida måste vara mellan 1 och ${MAX_PAGE_SIZE}.`,
        en: `Page size must be between 1 and ${MAX_PAGE_SIZE}.`,
      },
    });
  }
  const afterId = args.after ? decodeCursor(args.after) : null;
  if (args.after && !afterId) {
    errors.push({
      field: "after",
      code: "INVALID_FORMAT",
      message: { sv: "Markören (cursor) är ogiltig.", en: "The cursor is not valid." },
    });
  }
  if (errors.length > 0) throw badUserInput(errors, locale);
  return { take: first, afterId };
}

/** Builds a page from rows fetched with `take + 1` (the extra row only tells whether there is a next page). */
export function toPage<T extends { id: string }>(rows: T[], request: PageRequest, totalCount: number): Page<T> {
  const nodes = rows.slice(0, request.take);
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount,
    pageInfo: { hasNextPage: rows.length > request.take, endCursor: last ? encodeCursor(last.id) : null },
  };
}

/** Prisma arguments for a page ordered by id. */
export function pageQuery(request: PageRequest) {
  return {
    take: request.take + 1,
    orderBy: { id: "asc" as const },
    ...(request.afterId ? { where: { id: { gt: request.afterId } } } : {}),
  };
}

/**
 * The resolvers of every connection's `edges` (one per connection type, made by `Connection`); build-schema.ts
 * registers them. Edge type names, for the permission map.
 */
export const connectionEdgeResolvers: ClassType[] = [];
export const connectionEdgeTypeNames: string[] = [];

/**
 * A connection type for one node type: `nodes`, `edges { cursor node }` (Relay's shape, for clients that page by
 * edge cursors), `totalCount`, `pageInfo`. An edge's cursor is the cursor `after` takes: paging from any edge
 * continues after that item.
 */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeClass {
    @Field(() => String, { description: "Pass as `after` to continue after this item." })
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [nodeType])
    nodes!: T[];

    @Field(() => Int)
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }

  @Resolver(() => ConnectionClass)
  class EdgesResolver {
    @FieldResolver(() => [EdgeClass], { description: "The same items as `nodes`, each with its cursor." })
    edges(@Root() connection: { nodes: T[]; cursors?: string[] }): EdgeClass[] {
      return connection.nodes.map((node, index) => ({
        cursor: connection.cursors?.[index] ?? encodeCursor((node as { id: string }).id),
        node,
      }));
    }
  }
  connectionEdgeResolvers.push(EdgesResolver);
  connectionEdgeTypeNames.push(`${name}Edge`);
  return ConnectionClass;
}
