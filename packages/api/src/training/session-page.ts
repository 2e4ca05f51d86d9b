import type { FieldError, Locale } from "@medverkan/domain";
import { badUserInput } from "../common/errors/api-error.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageArgs, type PageInfo } from "../common/pagination/connection.js";

// Sessions are listed by date, not by creation, so their cursor names the start time as well as the id. Same page
// size rules and error messages as the shared id cursor (common/pagination/connection.ts).

export interface SessionPageRequest {
  take: number;
  after: { startsAt: Date; id: string } | null;
}

const PREFIX = "t1:";

const encode = (row: { startsAt: Date; id: string }) =>
  Buffer.from(`${PREFIX}${row.startsAt.getTime()}:${row.id}`, "utf8").toString("base64url");

function decode(cursor: string): SessionPageRequest["after"] {
  const match = /^t1:(\d{1,15}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match?.[1] || !match[2]) return null;
  return { startsAt: new Date(Number(match[1])), id: match[2] };
}

export function toSessionPageRequest(args: PageArgs, locale: Locale): SessionPageRequest {
  const errors: FieldError[] = [];
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    errors.push({
      field: "first",
      code: "OUT_OF_RANGE",
      message: { sv: `Antal per sida måste vara mellan 1 och ${MAX_PAGE_SIZE}.`, en: `Page size must be between 1 and ${MAX_PAGE_SIZE}.` },
    });
  }
  const after = args.after ? decode(args.after) : null;
  if (args.after && !after) {
    errors.push({
      field: "after",
      code: "INVALID_FORMAT",
      message: { sv: "Markören (cursor) är ogiltig.", en: "The cursor is not valid." },
    });
  }
  if (errors.length > 0) throw badUserInput(errors, locale);
  return { take: first, after };
}

export function toSessionPage<T extends { startsAt: Date; id: string }>(rows: T[], request: SessionPageRequest, totalCount: number) {
  const nodes = rows.slice(0, request.take);
  const last = nodes.at(-1);
  const pageInfo: PageInfo = { hasNextPage: rows.length > request.take, endCursor: last ? encode(last) : null };
  return { nodes, totalCount, pageInfo };
}
