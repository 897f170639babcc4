import { expect, test } from "@playwright/test";
import { addAuthority, createProjectInDie, expectAccessible, storageStateOf, uniqueLabel } from "./support";

test.use({ storageState: storageStateOf("collectiveAdmin") });

test("a side ends a relationship with its reason, and the holders pause the project and take it up again", async ({ page }) => {
  await createProjectInDie(page, uniqueLabel("Fournil du quartier"));
  await addAuthority(page, "die", /^Die Commune · 26/);
  await page.getByRole("button", { name: "Mettre fin à la relation : Commune de Die" }).click();
  await page.getByLabel("Pourquoi mettre fin à la relation ?").fill("Le projet change de commune.");
  await page.getByRole("button", { name: "Mettre fin à la relation", exact: true }).click();
  await expect(page.getByText(/Relation terminée le .* par Camille Roux \(Côté collectif\) : « Le projet change de commune. »/)).toBeVisible();
  // Nothing more is proposed in it: no proposal, no milestone form for it.
  await expect(page.getByText("Proposer un changement de stade")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Dossier" }).click();
  await page.getByRole("button", { name: "Passer à « En pause »" }).click();
  await expect(page.getByText("En pause", { exact: true }).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Passer à « En cours »" }).click();
  await expect(page.getByRole("button", { name: "Passer à « En pause »" })).toBeVisible();
});
