import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Issue 16 (a newcomer's first hour): every command the README and the start banner show works on a fresh machine
// with only Node and npm — no global pnpm. So they are `npm …` commands naming root scripts that exist, and the root
// scripts reach pnpm through scripts/pnpm.mjs (which fetches the pinned pnpm with npx when it is missing).

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

/** The shell lines of the README's ```sh blocks and `inline` commands, and the banner's lines. */
function commandsOf(text: string): string[] {
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((match) => (match[1] ?? "").split("\n"));
  const inline = [...text.matchAll(/`((?:npm|pnpm|npx) [^`]+)`/g)].map((match) => match[1] ?? "");
  return [...blocks, ...inline].map((line) => line.replace(/#.*$/, "").trim()).filter((line) => line !== "");
}

describe("README and start banner commands", () => {
  const readme = commandsOf(read("README.md"));
  const banner = read("packages/api/src/main.ts");

  it("never ask for a globally installed pnpm", () => {
    const bare = [...readme, ...banner.split("\n")].filter((line) => /(^|[\s($"])pnpm\s/.test(line) && !line.includes("scripts/pnpm.mjs"));
    expect(bare).toEqual([]);
  });

  it("name root scripts that exist", () => {
    const named = [...readme, banner]
      .flatMap((line) => [...line.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((match) => match[1] ?? ""))
      .filter((name) => name !== "");
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
  });

  it("reach pnpm only through scripts/pnpm.mjs in the root scripts", () => {
    const bare = Object.entries(scripts).filter(([, command]) => /(^|&& )pnpm /.test(command));
    expect(bare).toEqual([]);
  });
});
