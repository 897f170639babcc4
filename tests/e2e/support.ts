// Shared by the browser tests: demo roles, their saved sessions, and the accessibility check.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const ROLES = {
  collectiveAdmin: "camille.roux@demo.maillage.test",
  mayor: "elise.morel@demo.maillage.test",
  councillor: "lucas.bernard@demo.maillage.test",
  platformAdmin: "nadia.lefevre@demo.maillage.test",
  moderator: "sophie.garnier@demo.maillage.test",
  collectiveMember: "thomas.blanc@demo.maillage.test",
} as const;
export type Role = keyof typeof ROLES;

export const storageStateOf = (role: Role) => `tests/e2e/.auth/${role}.json`;

/** Zero WCAG 2.1 AA violations on the page as it stands. */
export async function expectAccessible(page: Page) {
  // Checked once the page has its title, not in the middle of a navigation (see htmlLimitedBots in
  // next.config.ts); a page without a title still fails, here or in axe's own rule.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

export function uniqueLabel(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

export async function addAuthority(page: Page, query: string, result: RegExp) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Ajouter la collectivité" }) });
  await form.getByLabel(/Rechercher/).fill(query);
  await form.getByRole("button", { name: result }).click();
  await expect(form.getByLabel("Stade de départ proposé")).toHaveValue("observation");
  await form.getByRole("button", { name: "Ajouter la collectivité" }).click();
}

/** The collective admin creates a project of SCIC La Fabrique du Diois in Die; its page's address. */
export async function createProjectInDie(page: Page, title: string) {
  await page.goto("/projets/nouveau");
  await page.getByLabel("Nom du projet").fill(title);
  await page.getByLabel("Structure porteuse").selectOption({ label: "SCIC La Fabrique du Diois" });
  await page.getByLabel(/Rechercher/).fill("die");
  await page.getByRole("button", { name: /^Die Commune · 26/ }).click();
  await page.getByRole("button", { name: "Créer le projet" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  return page.url();
}
