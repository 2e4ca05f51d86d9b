// Starts a PostGraphile peer (4: postgraphile-server.ts; 5: ../../peers/postgraphile5/server.ts, a package of its own)
// as a child process, like the Apollo baseline, so its memory and statements are its own and the runner can probe
// them the way it probes the API.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";

export type PostgraphileMajor = 4 | 5;

const SERVERS: Record<PostgraphileMajor, string> = {
  4: join(import.meta.dirname, "postgraphile-server.ts"),
  5: join(import.meta.dirname, "..", "..", "peers", "postgraphile5", "server.ts"),
};

export async function startPostgraphilePeer(
  databaseUrl: string,
  major: PostgraphileMajor = 4,
): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(SERVERS[major], [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostGraphile ${major} did not become ready within a minute`)), 60_000);
      child.once("message", (message) => {
        clearTimeout(timer);
        resolve((message as { ready: string }).ready);
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`The PostGraphile ${major} peer exited with code ${code}`));
      });
    });
    return { child, url };
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
}
