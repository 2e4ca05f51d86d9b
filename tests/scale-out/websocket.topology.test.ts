import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binaries, freePort, makeWorkDirectory, startHaproxy, teardown } from "../../scripts/scale-out/topology.mjs";

// Subscriptions (graphql-ws) ride on a WebSocket: the balancer's generated configuration must pass the upgrade and
// then carry the tunnel both ways for as long as it stays open. HAProxy, configured exactly as the topology test's,
// in front of a backend that accepts the upgrade (RFC 6455 handshake) and echoes what it receives.

// Needs HAProxy only.
const unavailable = binaries.haproxy ? null : "not installed here: haproxy (apt-get install haproxy)";
if (unavailable) console.warn(`tests/scale-out WebSocket test skipped: ${unavailable}`);

let directory: string | null = null;
const parts: Parameters<typeof teardown>[1] = [];
let backend: Server;
let balancerPort = 0;
const tunnels = new Set<import("node:stream").Duplex>();

beforeAll(async () => {
  if (unavailable) return;
  directory = makeWorkDirectory("medverkan-haproxy-");
  backend = createServer((_req, res) => res.end("ok"));
  backend.on("upgrade", (req, socket) => {
    const accept = createHash("sha1").update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
    );
    tunnels.add(socket);
    socket.on("data", (chunk) => socket.write(chunk));
  });
  const backendPort = await freePort();
  await new Promise<void>((resolve) => backend.listen(backendPort, "127.0.0.1", resolve));
  balancerPort = await freePort();
  const balancer = await startHaproxy(directory, { port: balancerPort, backends: [{ host: "127.0.0.1", port: backendPort }] });
  parts.push({ kind: "process", value: balancer });
});

afterAll(async () => {
  for (const tunnel of tunnels) tunnel.destroy();
  await teardown(directory, parts);
  await new Promise((resolve) => backend?.close(resolve));
});

describe.skipIf(unavailable !== null)("WebSocket through HAProxy", () => {
  it("passes the upgrade to /graphql and carries the tunnel both ways", async () => {
    const socket = connect(balancerPort, "127.0.0.1");
    const received: Buffer[] = [];
    socket.on("data", (chunk) => received.push(chunk));
    const text = () => Buffer.concat(received).toString("latin1");
    const until = async (predicate: () => boolean) => {
      for (let waited = 0; !predicate() && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const key = randomBytes(16).toString("base64");
    socket.write(
      [
        "GET /graphql HTTP/1.1",
        `Host: 127.0.0.1:${balancerPort}`,
        "Upgrade: websocket",
        "Connection: Upgrade",
        `Sec-WebSocket-Key: ${key}`,
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: graphql-transport-ws",
        "",
        "",
      ].join("\r\n"),
    );
    await until(() => text().includes("\r\n\r\n"));
    expect(text()).toMatch(/^HTTP\/1\.1 101 /);
    expect(text()).toMatch(/sec-websocket-protocol: graphql-transport-ws/i);
    const handshake = text().length;
    // After the upgrade HAProxy only tunnels bytes; a quiet pause does not close it (timeout tunnel).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    socket.write('{"type":"connection_init"}');
    await until(() => text().length > handshake);
    expect(text().slice(handshake)).toBe('{"type":"connection_init"}');
    socket.destroy();
  });
});
