#!/usr/bin/env node
// Runs the pinned pnpm whether or not it is installed: a fresh machine with only Node 20 and npm gets it
// through npx (corepack cannot verify pnpm's signatures offline, see STACK notes).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).packageManager;
const wanted = pinned.split("@")[1];
const args = process.argv.slice(2);

const installed = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
const useInstalled = installed.status === 0 && installed.stdout.trim() === wanted;
const [command, commandArgs] = useInstalled ? ["pnpm", args] : ["npx", ["--yes", `pnpm@${wanted}`, ...args]];

const result = spawnSync(command, commandArgs, { stdio: "inherit", shell: process.platform === "win32" });
process.exit(result.status ?? 1);
