import type { NextFunction, Request, Response } from "express";

/** True when any string in a parsed JSON body (keys included) contains U+0000. */
function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item, depth + 1));
  }
  return false;
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in a request would reach the database only to fail there as
 * an internal error. No real text contains one: the request is refused up front with a clear 400.
 */
export function refuseNulCharacters(req: Request, res: Response, next: NextFunction): void {
  if (!containsNul(req.body)) {
    next();
    return;
  }
  res.status(400).json({
    errors: [
      {
        message: "Text may not contain NUL characters (U+0000).",
        extensions: {
          code: "BAD_REQUEST",
          reason: "NUL_CHARACTER",
          messages: { sv: "Text får inte innehålla NUL-tecken (U+0000).", en: "Text may not contain NUL characters (U+0000)." },
        },
      },
    ],
  });
}
