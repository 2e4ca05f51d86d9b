// Types for topology.mjs (used by tests/scale-out).
export const binaries: { postgres: string | null; pgbouncer: string | null; haproxy: string | null };
export function scaleOutUnavailable(): string | null;
export function freePort(): Promise<number>;
export function makeWorkDirectory(prefix?: string): string;

export interface Cluster {
  name: string;
  port: number;
  data: string;
  log: string;
  url(database?: string): string;
  start(): void;
  stop(mode?: "fast" | "immediate" | "smart"): void;
  promote(): void;
  readonly running: boolean;
}
export function createPrimary(directory: string, port: number): Cluster;
export function createReplica(directory: string, primary: Cluster, port: number): Cluster;

export interface Supervised {
  name: string;
  output(): string;
  stop(): Promise<void>;
}
export interface PgBouncer {
  port: number;
  url(database: string): string;
  sessionUrl(database: string): string;
  repoint(target: { host: string; port: number }): void;
  stop(): Promise<void>;
}
export function startPgBouncer(
  directory: string,
  options: { port: number; upstream: { host: string; port: number }; databases?: string[]; queryWaitTimeoutSeconds?: number },
): Promise<PgBouncer>;
export function startHaproxy(
  directory: string,
  options: {
    port: number;
    backends: Array<{ host: string; port: number }>;
    /** Overrides HAProxy's `defaults` timeouts (connect 2s, client 60s, server 60s, tunnel 1h, http-keep-alive 10s). */
    timeouts?: Partial<Record<"connect" | "client" | "server" | "tunnel" | "http-keep-alive", string>>;
    /** Names the configuration and log files (default "haproxy"), for a second balancer in one directory. */
    name?: string;
  },
): Promise<{ port: number; url: string; config: string; stop(): Promise<void> }>;
export function startApiInstance(
  directory: string,
  options: { name: string; port: number; env: Record<string, string> },
): Promise<Supervised & { url: string }>;
export function teardown(
  directory: string | null,
  parts: Array<{ kind: "cluster"; value: Cluster } | { kind: "process"; value: { stop(): Promise<void> } }>,
): Promise<void>;
