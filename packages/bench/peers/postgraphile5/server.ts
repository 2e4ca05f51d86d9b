// The strongest peer for nested reads (issue 19): PostGraphile 5 — Grafast plans each operation once and answers the
// page of 50 requests with a few SQL statements — on the same database, forked by the benchmark runner like the
// PostGraphile 4 peer (../../src/bench/postgraphile-peer.ts). Held to the same rules as the API and as PostGraphile 4
// (peer-support.ts: the API's pool size, every request as the application role under row-level security with the
// tenant of a verified token, production mode, statements counted the same way). Read-only: no mutations are
// exposed. Like the PostGraphile 4 peer it does none of the API's other per-request work (actor and grants, audit of
// the people read, query cost limit); the network scope is the query's `condition`.
import "./node20.js";
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { countingPool, requestSettings, servePeer, tokenVerifier } from "../../src/bench/peer-support.js";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");

const counting = countingPool(databaseUrl);
const tenantOf = await tokenVerifier(counting.pool);

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  // Introspection runs as the owner (like PostGraphile 4's), requests as the application role.
  pgServices: [makePgService({ pool: counting.pool, schemas: ["public"] })],
  disablePlugins: ["MutationPlugin"],
  grafserv: { graphiql: false, watch: false },
  grafast: {
    explain: false,
    // PostGraphile 5 runs a request's statements in one transaction with these settings applied transaction-locally.
    context: async (requestContext) => ({
      pgSettings: requestSettings(await tenantOf(requestContext.node?.req.headers.authorization)),
    }),
  },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
servePeer(server, counting, async () => {
  await pgl.release();
  await counting.pool.end();
});
