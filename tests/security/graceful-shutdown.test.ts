import { request } from "node:http";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 8 item 6 (SECURITY.md, reliability: graceful shutdown drains in-flight requests): once stopping, the server
// takes no new request, while one already in flight (here: its body still arriving) completes normally.

let api: TestApi;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  api = await startTestApi({ shutdownGraceMs: 10_000 });
});

afterAll(async () => {
  await api?.stop();
});

describe("graceful shutdown", () => {
  it("finishes the request in flight and refuses new ones", async () => {
    const url = new URL(api.url);
    const body = JSON.stringify({ query: `query { tenant(slug: "kalmar") { slug name } }` });
    const inFlight = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    });
    const answered = new Promise<{ status: number; json: { data?: { tenant?: { slug: string } } } }>((resolve, reject) => {
      inFlight.on("response", (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }));
      });
      inFlight.on("error", reject);
    });
    inFlight.write(body.slice(0, 10));
    await sleep(300);

    const stopped = api.running.server.stop();
    await sleep(300);
    let refusal: string;
    try {
      const response = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      refusal = `status ${response.status}`;
      expect(response.status).toBe(503);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        "SERVICE_UNAVAILABLE",
      );
    } catch (error) {
      refusal = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
    }
    expect(refusal).toMatch(/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|status 503/);

    inFlight.end(body.slice(10));
    const response = await answered;
    expect(response.status).toBe(200);
    expect(response.json.data?.tenant?.slug).toBe("kalmar");
    await stopped;
  });
});
