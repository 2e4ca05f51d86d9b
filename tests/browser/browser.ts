import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium (`apt-get install chromium`); `CHROMIUM_PATH` points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Root in CI containers has no user namespace for Chromium's sandbox.
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
}

/** A fresh browser profile (its own session storage) per person, on a phone-sized screen: mobile first. */
export async function newPerson(browser: Browser, options: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: options.locale ?? "sv-SE",
    timezoneId: "Europe/Stockholm",
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

const checkedPages = new Set<string>();

/**
 * axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 A and AA rules). Each page (path
 * without ids) is checked once per run, plus whenever `force` is set (e.g. with field errors showing).
 */
export async function expectAccessible(page: Page, label?: string): Promise<void> {
  const key = label ?? new URL(page.url()).pathname.replace(/[0-9a-f-]{20,}/g, ":id");
  if (checkedPages.has(key)) return;
  checkedPages.add(key);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
  expect(serious, `accessibility of ${key}`).toEqual([]);
}

export function accessibilityCheckedPages(): string[] {
  return [...checkedPages];
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const directory = process.env.SCREENSHOT_DIR;
  if (!directory) return;
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: join(directory, `${name}.png`), fullPage: true });
}
