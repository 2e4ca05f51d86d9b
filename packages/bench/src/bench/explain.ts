// The query plans behind the benchmark's scenarios, as the API really runs them: PostgreSQL's auto_explain is switched
// on for the bench database only (new sessions load it), each scenario is sent a few times one after another, and
// every statement slower than the threshold is taken from the server log with its EXPLAIN ANALYZE plan.
import { readFileSync, statSync } from "node:fs";
import pg from "pg";

export interface PlanCapture {
  /** Byte offset of the server log when the capture began. */
  readonly offset: number;
}

export async function startPlanCapture(databaseUrl: string, logFile: string, minDurationMs: number): Promise<PlanCapture> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await alterDatabase(databaseUrl, [
    `ALTER DATABASE ${name} SET session_preload_libraries = 'auto_explain'`,
    `ALTER DATABASE ${name} SET auto_explain.log_min_duration = '${Math.max(0, Math.floor(minDurationMs))}ms'`,
    `ALTER DATABASE ${name} SET auto_explain.log_analyze = on`,
    `ALTER DATABASE ${name} SET auto_explain.log_buffers = on`,
    `ALTER DATABASE ${name} SET auto_explain.log_timing = on`,
  ]);
  return { offset: statSync(logFile).size };
}

export async function stopPlanCapture(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await alterDatabase(databaseUrl, [
    `ALTER DATABASE ${name} RESET session_preload_libraries`,
    `ALTER DATABASE ${name} RESET auto_explain.log_min_duration`,
    `ALTER DATABASE ${name} RESET auto_explain.log_analyze`,
    `ALTER DATABASE ${name} RESET auto_explain.log_buffers`,
    `ALTER DATABASE ${name} RESET auto_explain.log_timing`,
  ]);
}

export interface CapturedPlan {
  readonly durationMs: number;
  readonly text: string;
}

/** The plans the bench database's sessions logged since `capture` began, slowest first. */
export function readPlans(logFile: string, capture: PlanCapture, databaseName: string): CapturedPlan[] {
  const log = readFileSync(logFile).subarray(capture.offset).toString("utf8");
  const plans: CapturedPlan[] = [];
  let current: { durationMs: number; lines: string[] } | null = null;
  const entryStart = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;
  for (const line of log.split("\n")) {
    if (entryStart.test(line)) {
      if (current) plans.push({ durationMs: current.durationMs, text: current.lines.join("\n") });
      current = null;
      const match = /@(\S+) LOG:\s+duration: ([\d.]+) ms\s+plan:/.exec(line);
      if (match && match[1] === databaseName) current = { durationMs: Number(match[2]), lines: [] };
      continue;
    }
    current?.lines.push(line.replace(/^\t/, ""));
  }
  if (current) plans.push({ durationMs: current.durationMs, text: current.lines.join("\n") });
  return plans.sort((a, b) => b.durationMs - a.durationMs);
}

async function alterDatabase(databaseUrl: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
