import "reflect-metadata";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startMedverkan } from "./app.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { DEFAULT_WEB_APP_DIRECTORY } from "./server/web-app.routes.js";

const config = loadConfig();
const log = createLogger(config.logLevel);

try {
  const medverkan = await startMedverkan(config, log);
  log.info({ url: medverkan.url, database: medverkan.database.description }, "Medverkan API ready");
  const lines = [
    "",
    `  Medverkan API        ${medverkan.url}`,
    `  Subscriptions        ${medverkan.url.replace(/^http/, "ws")}   (graphql-transport-ws)`,
    `  Database             ${medverkan.database.description}`,
  ];
  if (existsSync(join(config.webAppDirectory ?? DEFAULT_WEB_APP_DIRECTORY, "index.html"))) {
    lines.splice(1, 0, `  Web app              ${medverkan.url.replace(/\/graphql$/, "/")}`);
  }
  if (!config.production) {
    lines.push(
      `  GraphQL explorer     ${medverkan.url}   (open in a browser)`,
      `  …signed in as        ${medverkan.url}?tenant=kalmar&role=coordinator`,
      "  Development token    npm run --silent token -- --tenant kalmar --role coordinator",
      ...(medverkan.developmentIdentityProvider
        ? [`  Sign-in (OIDC)       ${medverkan.developmentIdentityProvider.issuer}   (client medverkan-web, PKCE)`]
        : []),
      "  Health               /healthz   Readiness  /readyz",
    );
  }
  console.log(`${lines.join("\n")}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: draining requests in flight");
    // Draining is bounded by the grace period; closing the outbox worker and the database should take moments. If
    // they hang (a connection a stuck request never gave back), leave anyway rather than wait for a SIGKILL.
    setTimeout(() => {
      log.error({ signal }, "shutdown did not finish in time; exiting");
      process.exit(1);
    }, config.shutdownGraceMs + 5_000).unref();
    try {
      await medverkan.stop();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
} catch (error) {
  log.fatal({ err: error }, "Medverkan API failed to start");
  process.exit(1);
}
