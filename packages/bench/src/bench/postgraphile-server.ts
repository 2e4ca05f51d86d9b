// The peer to beat for nested reads: PostGraphile 4 on the same database, read-only, forked by the benchmark runner
// (see postgraphile-peer.ts). It is held to what the API is held to (peer-support.ts: the API's pool size, every
// request as the application role under row-level security with the tenant of a verified token, production mode).
// It does not do the API's other per-request work: no actor and grant lookup, no audit events for the invitees
// read, no query cost limit. The network scope is the query's `condition`.
import { createServer } from "node:http";
import postgraphileModule from "postgraphile";
import { countingPool, requestSettings, servePeer, tokenVerifier } from "./peer-support.js";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");

const counting = countingPool(databaseUrl);
const tenantOf = await tokenVerifier(counting.pool);

const handler = postgraphileModule.postgraphile(counting.pool, "public", {
  watchPg: false,
  graphiql: false,
  disableQueryLog: true,
  disableDefaultMutations: true,
  ignoreRBAC: false,
  setofFunctionsContainNulls: false,
  legacyRelations: "omit",
  retryOnInitFail: false,
  enableQueryBatching: false,
  showErrorStack: false,
  // PostGraphile 4 turns pgSettings into `set_config(…, true)` in the request's transaction.
  pgSettings: async (request) => requestSettings(await tenantOf(request.headers.authorization)),
});

servePeer(createServer(handler), counting);
