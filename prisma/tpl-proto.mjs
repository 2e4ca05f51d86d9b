import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { seedDemoData } from "./dist/seed/index.js";
import { applyMigrations, PrismaClient } from "./dist/src/index.js";

let t = Date.now();
const lap = (m) => {
  const n = Date.now();
  console.log(m, n - t, "ms");
  t = n;
};
const db = new PGlite();
await db.waitReady;
lap("pglite new");
const s = {
  exec: async (q) => {
    await db.exec(q);
  },
  query: async (q, p) => (await db.query(q, p)).rows,
};
await applyMigrations(s);
lap("migrate");
const m = await db.dumpDataDir("none");
lap("dump migrated " + m.size);
const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
await seedDemoData(prisma, { tokenIssuer: "x", publicKeys: { keys: [{ kty: "EC", kid: "a" }] } });
lap("seed");
const d = await db.dumpDataDir("none");
lap("dump seeded " + d.size);
const dg = await db.dumpDataDir("gzip");
lap("dump gz " + dg.size);
await db.exec("CHECKPOINT");
const d2 = await db.dumpDataDir("none");
lap("dump after checkpoint " + d2.size);
const db2 = new PGlite({ loadDataDir: d });
await db2.waitReady;
lap("load seeded");
console.log((await db2.query('select count(*) from "Member"')).rows);
lap("q");
const db3 = new PGlite({ loadDataDir: dg });
await db3.waitReady;
lap("load gz");
