import type { Database } from "@medverkan/database";
import { Router } from "express";

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers too). An orchestrator
 * restarts on the first and routes traffic on the second; while shutting down, readiness turns false first.
 */
export function healthRoutes(database: Database, state: { shuttingDown: boolean }): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    if (state.shuttingDown) {
      res.status(503).json({ status: "shutting-down" });
      return;
    }
    try {
      await withTimeout(database.ping(), 2_000);
      res.json({ status: "ready", database: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable", database: "unreachable" });
    }
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref())]);
}
