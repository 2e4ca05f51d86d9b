import { ApolloServer } from "@apollo/server";
import { describe, expect, it } from "vitest";
import { operationsInFlightPlugin } from "../operations-in-flight.js";

// Stopping the server waits for operations still running (whose clients may have gone), up to the grace period.

function serverWith(gate: Promise<void>, gracePeriodMs: number) {
  return new ApolloServer({
    typeDefs: "type Query { slow: String }",
    resolvers: {
      Query: {
        slow: async () => {
          await gate;
          return "done";
        },
      },
    },
    plugins: [operationsInFlightPlugin(gracePeriodMs)],
  });
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe("operations in flight", () => {
  it("keeps stopping until the operation still running has answered", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = serverWith(gate, 30_000);
    await server.start();
    const answer = server.executeOperation({ query: "{ slow }" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopped = server.stop();
    expect(await settledWithin(stopped, 200)).toBe(false);
    release();
    const response = await answer;
    expect(response.body.kind === "single" && response.body.singleResult.data).toEqual({ slow: "done" });
    expect(await settledWithin(stopped, 5_000)).toBe(true);
  });

  it("stops after the grace period even if an operation never ends", async () => {
    const server = serverWith(new Promise<void>(() => undefined), 100);
    await server.start();
    void server.executeOperation({ query: "{ slow }" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await settledWithin(server.stop(), 5_000)).toBe(true);
  });
});
