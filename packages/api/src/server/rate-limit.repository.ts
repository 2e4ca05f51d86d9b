import type { PrismaClient } from "@medverkan/database";

/**
 * One fixed-window counter step, atomically, in the database every API instance shares: the first point opens a
 * window of `windowMs`, later points in the window add up, the first point after it opens a new one. The database's
 * clock decides, so instances with drifting clocks still agree. Platform-level: the table holds hashed keys only.
 */
export async function consumeRateLimitPoints(
  system: PrismaClient,
  key: string,
  points: number,
  windowMs: number,
): Promise<{ points: number; expiresAt: Date }> {
  const rows = await system.$queryRaw<{ points: number; expiresAt: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "points", "expiresAt")
    VALUES (${key}::text, ${points}::integer, now() + ${Math.round(windowMs)}::integer * interval '1 millisecond')
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimitCounter"."expiresAt" <= now() THEN EXCLUDED."points"
                      ELSE "RateLimitCounter"."points" + EXCLUDED."points" END,
      "expiresAt" = CASE WHEN "RateLimitCounter"."expiresAt" <= now() THEN EXCLUDED."expiresAt"
                         ELSE "RateLimitCounter"."expiresAt" END
    RETURNING "points", "expiresAt"`;
  const row = rows[0];
  if (!row) throw new Error("rate-limit upsert returned no row");
  return { points: Number(row.points), expiresAt: new Date(row.expiresAt) };
}

/** Windows that ended are dead weight; the retention job clears them. */
export function deleteExpiredRateLimitCounters(system: PrismaClient): Promise<number> {
  return system.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "expiresAt" < now()`;
}
