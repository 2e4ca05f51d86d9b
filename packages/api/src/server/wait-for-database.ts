import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@medverkan/database";
import type { Logger } from "pino";

export const DEFAULT_STARTUP_WAIT_MS = 60_000;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

export class DatabaseUnreachableAtStart extends Error {
  constructor(attempts: number, waitedMs: number, cause: unknown) {
    super(`The database could not be reached in ${Math.round(waitedMs / 1000)} s (${attempts} attempts); giving up.`, { cause });
    this.name = "DatabaseUnreachableAtStart";
  }
}

/**
 * At start, waits for the database to answer: attempts with exponential backoff (0.25 s doubling to 5 s), each failure
 * logged with the time left, until it answers or `maxWaitMs` (DATABASE_STARTUP_WAIT_MS) has passed — then fails with
 * a clear error, and the process exits for its supervisor to decide. Before, a database a moment slower to start than
 * the API made the API exit at once.
 */
export async function waitForDatabase(
  database: Pick<Database, "ping" | "description">,
  log: Logger,
  options: { maxWaitMs?: number } = {},
): Promise<void> {
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_STARTUP_WAIT_MS;
  const started = Date.now();
  let delayMs = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await database.ping();
      if (attempt > 1) log.info({ attempts: attempt, waitedMs: Date.now() - started }, "database reachable");
      return;
    } catch (error) {
      const waitedMs = Date.now() - started;
      const leftMs = maxWaitMs - waitedMs;
      if (leftMs <= 0) {
        log.error({ attempts: attempt, waitedMs, database: database.description, err: error }, "database unreachable at start; giving up");
        throw new DatabaseUnreachableAtStart(attempt, waitedMs, error);
      }
      const nextMs = Math.min(delayMs, leftMs);
      log.warn(
        {
          attempt,
          retryInMs: nextMs,
          leftMs,
          database: database.description,
          reason: error instanceof Error ? error.message : String(error),
        },
        "database not reachable yet; retrying",
      );
      await sleep(nextMs);
      delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
    }
  }
}
