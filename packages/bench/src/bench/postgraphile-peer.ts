// Starts the PostGraphile peer (postgraphile-server.ts) as a child process, like the Apollo baseline, so its memory
// and statements are its own and the runner can probe them the way it probes the API.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";

export async function startPostgraphilePeer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(join(import.meta.dirname, "postgraphile-server.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("PostGraphile did not become ready within a minute")), 60_000);
      child.once("message", (message) => {
        clearTimeout(timer);
        resolve((message as { ready: string }).ready);
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`The PostGraphile peer exited with code ${code}`));
      });
    });
    return { child, url };
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
}
