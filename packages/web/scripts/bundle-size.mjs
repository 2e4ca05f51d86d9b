// Prints the initial JavaScript the browser downloads before the first page shows (every <script> and
// modulepreload in dist/index.html), gzipped, and fails the build above the budget (issue 18: ≤ 250 kB).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 250 * 1024;
const dist = join(import.meta.dirname, "..", "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
let total = 0;
for (const file of new Set(files)) total += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (total / 1024).toFixed(1);
if (total > BUDGET_BYTES) {
  console.error(`web: initial JavaScript ${kb} kB gzipped is over the budget of ${BUDGET_BYTES / 1024} kB`);
  process.exit(1);
}
console.log(`web: initial JavaScript ${kb} kB gzipped (budget ${BUDGET_BYTES / 1024} kB, ${files.length} files)`);
