import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, storageStateOf } from "./support";

const PROJECT = "/projets/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0b01"; // Tiers-lieu de l'ancienne gare de Die

/** What a reader must never meet in a history: ids, ISO dates, code keys, JSON. */
async function expectPlainWords(page: Page) {
  const text = await page.getByRole("main").innerText();
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/); // camelCase: occursOn, fundingLines
  expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/); // snake_case: joint_event, content_report
  expect(text).not.toMatch(/[{}]/);
}

test("the project's history reads as sentences, in French, with nothing raw", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await context.newPage();
  await page.goto(`${PROJECT}?onglet=historique`);
  await expect(page).toHaveTitle(/^Tiers-lieu de l'ancienne gare de Die · /);
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: /^Camille Roux a créé le dossier/ })
      .first(),
  ).toBeVisible();
  await expectPlainWords(page);
  await expectAccessible(page);
  await context.close();
});

test("the audit log finds what happened to a project by its name, said as the history says it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("platformAdmin") });
  const page = await context.newPage();
  await page.goto("/admin/journal");
  await page.getByLabel("Projet (son nom)").fill("ancienne gare");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("link", { name: "Projet : Tiers-lieu de l'ancienne gare de Die" }).first()).toBeVisible();
  await expectPlainWords(page);
  await expectAccessible(page);
  await context.close();
});
