import type { Page } from "playwright-core";

/**
 * Signs in the way a person does: the region, the region's sign-in button, the identity provider's page ("Välj
 * person", then "Logga in"), back to the app through /auth/callback.
 */
export async function signIn(page: Page, origin: string, tenant: string, subject: string): Promise<void> {
  await page.goto(`${origin}/region`);
  await page.locator(`#region-${tenant}`).check();
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await page.getByRole("heading", { level: 1, name: /^Logga in i / }).waitFor();
  await page
    .getByRole("button", { name: /^Logga in/ })
    .first()
    .click();
  await page.getByLabel("Välj person").selectOption(subject);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { level: 1, name: /^Välkommen/ }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.getByRole("heading", { level: 1, name: /^Logga in i / }).waitFor();
}
