// Preloaded into the API process by the benchmark (`node --import`): answers the runner's "probe" message with the
// SQL statements the process has sent so far (the database package's counter) and its resident memory.
process.on("message", (message) => {
  if (message !== "probe" || !process.send) return;
  const counter = globalThis[Symbol.for("medverkan.sqlStatements")];
  // A runner that has gone away must not take the API down with it: send errors are ignored.
  process.send({ statements: counter?.count ?? 0, rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed }, () => {});
});
