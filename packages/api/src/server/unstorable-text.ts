import type { NextFunction, Request, Response } from "express";

/**
 * Text no real client sends and no column can store: U+0000 (PostgreSQL text cannot hold it) and a lone UTF-16
 * surrogate (not a character at all; the database driver cannot encode it). Left alone, either reaches the database
 * only to fail there as an internal error.
 */
type Unstorable = "NUL_CHARACTER" | "UNPAIRED_SURROGATE";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorableIn(text: string): Unstorable | null {
  if (text.includes("\u0000")) return "NUL_CHARACTER";
  if (LONE_SURROGATE.test(text)) return "UNPAIRED_SURROGATE";
  return null;
}

/** The first unstorable text in a parsed JSON value (keys included). */
function findUnstorable(value: unknown, depth = 0): Unstorable | null {
  if (depth > 64) return null;
  if (typeof value === "string") return unstorableIn(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnstorable(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableIn(key) ?? findUnstorable(item, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A GET request carries the document, and `variables` / `extensions` as JSON text, in the query string: the JSON is
 * read here as the server will read it, so an escaped `\u0000` or `\ud800` inside it is seen too. JSON that does not
 * parse is left to the GraphQL server's own 400.
 */
function findUnstorableInQueryString(query: Request["query"]): Unstorable | null {
  const direct = findUnstorable(query);
  if (direct) return direct;
  for (const name of ["variables", "extensions"]) {
    const text = query[name];
    if (typeof text !== "string") continue;
    try {
      const found = findUnstorable(JSON.parse(text));
      if (found) return found;
    } catch {
      // not JSON: the GraphQL server answers 400 itself
    }
  }
  return null;
}

const MESSAGES: Record<Unstorable, { sv: string; en: string }> = {
  NUL_CHARACTER: { sv: "Text får inte innehålla NUL-tecken (U+0000).", en: "Text may not contain NUL characters (U+0000)." },
  UNPAIRED_SURROGATE: {
    sv: "Texten innehåller ett ogiltigt tecken (ett ensamt UTF-16-surrogat).",
    en: "Text contains an invalid character (an unpaired UTF-16 surrogate).",
  },
};

/**
 * Refuses a request with unstorable text anywhere — the document, the operation name, any variable or key, by POST or
 * GET — up front with a clear 400, before it can reach the database.
 */
export function refuseUnstorableText(req: Request, res: Response, next: NextFunction): void {
  const found = findUnstorable(req.body) ?? findUnstorableInQueryString(req.query);
  if (!found) {
    next();
    return;
  }
  res.status(400).json({
    errors: [{ message: MESSAGES[found].en, extensions: { code: "BAD_REQUEST", reason: found, messages: MESSAGES[found] } }],
  });
}
