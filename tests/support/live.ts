import { type Client, createClient, type FormattedExecutionResult } from "graphql-ws";
import WebSocket from "ws";

// A real graphql-ws client (protocol graphql-transport-ws over the `ws` package), as a front end would use it, for the
// live-update specs.

export const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, "ws");

export interface Closed {
  code: number;
  reason: string;
}

export interface LiveClient {
  client: Client;
  /** Resolves with the close code and reason when the server (or the client) closes the socket. */
  closed: Promise<Closed>;
  dispose(): Promise<void>;
}

/** Connects with `token` in the connection_init payload (no retries: a refusal shows as `closed`). */
export function connect(
  httpUrl: string,
  token: string | null,
  options: { acceptLanguage?: string; onUpgrade?: (headers: Record<string, string | string[] | undefined>) => void } = {},
): LiveClient {
  let resolveClosed: (closed: Closed) => void = () => {};
  const closed = new Promise<Closed>((resolve) => {
    resolveClosed = resolve;
  });
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: options.onUpgrade ? upgradeObserved(options.onUpgrade) : WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.acceptLanguage ? { acceptLanguage: options.acceptLanguage } : {}),
    },
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolveClosed({ code, reason: String(reason) });
      },
    },
    onNonLazyError: () => {
      // Shown through `closed`.
    },
  });
  return {
    client,
    closed,
    async dispose() {
      await client.dispose();
    },
  };
}

/** A WebSocket class that hands the server's 101 response headers (e.g. a balancer's X-Served-By) to `onUpgrade`. */
function upgradeObserved(onUpgrade: (headers: Record<string, string | string[] | undefined>) => void): unknown {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.on("upgrade", (response) => onUpgrade(response.headers));
    }
  };
}

export interface Subscription<Data> {
  /** Every result received so far. */
  readonly results: FormattedExecutionResult<Data, unknown>[];
  /** Resolves when the server completed the subscription or sent an error. */
  readonly ended: Promise<{ errors?: readonly unknown[] }>;
  /** Waits until a result satisfies `match` (or fails after `timeoutMs`). */
  waitFor(match: (data: Data) => boolean, timeoutMs?: number): Promise<Data>;
  unsubscribe(): void;
}

export function subscribe<Data = Record<string, unknown>>(
  live: LiveClient,
  query: string,
  variables: Record<string, unknown> = {},
): Subscription<Data> {
  const results: FormattedExecutionResult<Data, unknown>[] = [];
  const waiters = new Set<() => void>();
  let resolveEnded: (value: { errors?: readonly unknown[] }) => void = () => {};
  const ended = new Promise<{ errors?: readonly unknown[] }>((resolve) => {
    resolveEnded = resolve;
  });
  const unsubscribe = live.client.subscribe<Data>(
    { query, variables },
    {
      next: (result) => {
        results.push(result);
        for (const wake of waiters) wake();
      },
      error: (error) => resolveEnded({ errors: Array.isArray(error) ? error : [error] }),
      complete: () => resolveEnded({}),
    },
  );
  return {
    results,
    ended,
    unsubscribe,
    waitFor(match, timeoutMs = 20_000) {
      return new Promise<Data>((resolve, reject) => {
        const check = () => {
          const found = results.find((result) => result.data && match(result.data));
          if (!found?.data) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found.data);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching result within ${timeoutMs} ms; received: ${JSON.stringify(results)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
  };
}

/** Lets announcements already sent reach every subscriber (and be re-read) before asserting that some got nothing. */
export const settle = (ms = 1_500) => new Promise((resolve) => setTimeout(resolve, ms));
