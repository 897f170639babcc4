import { expect, test } from "@playwright/test";
import { addAuthority, createProjectInDie, expectAccessible, storageStateOf, uniqueLabel } from "./support";

test("on a phone, the mayor finds on her home page what waits for her and answers it there", async ({ browser }) => {
  // The collective opens a project in Die, asks the commune to start at Observation and records a milestone.
  const collective = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await collective.newPage();
  const title = uniqueLabel("Épicerie du marché couvert");
  await createProjectInDie(page, title);
  await addAuthority(page, "die", /^Die Commune · 26/);
  const milestoneTitle = uniqueLabel("Réunion avec les commerçants");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Enregistrer le jalon" }) });
  await form.getByLabel("Intitulé").fill(milestoneTitle);
  await form.getByRole("button", { name: "Enregistrer le jalon" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: milestoneTitle }).first()).toBeFocused();
  await collective.close();

  const mayorContext = await browser.newContext({ storageState: storageStateOf("mayor"), viewport: { width: 390, height: 844 } });
  const mayor = await mayorContext.newPage();
  await mayor.goto("/");
  const desk = mayor.getByRole("list", { name: /^À traiter/ });
  const milestone = desk.getByRole("listitem").filter({ hasText: milestoneTitle });
  const start = desk.getByRole("listitem").filter({ hasText: "Stade de départ" }).filter({ hasText: title });
  await expect(milestone).toContainText(title);
  await expect(milestone).toContainText("Noté par Camille Roux");
  await expect(start).toContainText("Le collectif propose de démarrer la relation avec Commune de Die au stade Observation.");
  await expectAccessible(mayor);
  const scrollWidth = await mayor.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(390);

  // Answered in place: no page change, and each leaves the list.
  const url = mayor.url();
  await milestone.getByRole("button", { name: `Confirmer — ${milestoneTitle}` }).click();
  await expect(desk.getByRole("listitem").filter({ hasText: milestoneTitle })).toHaveCount(0);
  await start.getByRole("button", { name: "Confirmer" }).click();
  await expect(desk.getByRole("listitem").filter({ hasText: "Stade de départ" }).filter({ hasText: title })).toHaveCount(0);
  expect(mayor.url()).toBe(url);
  await mayor.reload();
  await expect(mayor.getByRole("list", { name: /^À traiter/ }).getByText(title)).toHaveCount(0);
  await mayorContext.close();
});
