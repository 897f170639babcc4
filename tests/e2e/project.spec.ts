import { expect, test } from "@playwright/test";
import { expectAccessible, storageStateOf, uniqueLabel } from "./support";

test("a collective member creates a project in Die, and the mayor of Die sees it in her territory", async ({ browser }) => {
  const title = uniqueLabel("Recyclerie du Diois");

  const collective = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await collective.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Bonjour Camille Roux" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nouveau projet" }).click();
  await expect(page.getByRole("heading", { name: "Nouveau projet" })).toBeVisible();
  await page.getByLabel("Nom du projet").fill(title);
  await page.getByLabel("Présentation en quelques lignes").fill("Réparer, réemployer, former : une recyclerie pour la vallée.");
  await page.getByLabel("Structure porteuse").selectOption({ label: "SCIC La Fabrique du Diois" });
  await page.getByLabel(/Rechercher/).fill("die");
  await page.getByRole("button", { name: /^Die Commune · 26/ }).click();
  await expect(page.getByText("Choisi : Die (26)")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Créer le projet" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Porté par SCIC La Fabrique du Diois")).toBeVisible();
  await expectAccessible(page);
  await collective.close();

  const mayor = await browser.newContext({ storageState: storageStateOf("mayor") });
  const mayorPage = await mayor.newPage();
  await mayorPage.goto("/");
  await mayorPage.getByRole("link", { name: "Projets du territoire : Commune de Die" }).click();
  await expect(mayorPage.getByRole("link", { name: title })).toBeVisible();
  await expectAccessible(mayorPage);
  await mayorPage.getByRole("link", { name: title }).click();
  await expect(mayorPage.getByRole("heading", { name: title })).toBeVisible();
  await expectAccessible(mayorPage);
  await mayor.close();
});

test("a project form with missing fields says what is wrong, in French, beside each field", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await context.newPage();
  await page.goto("/projets/nouveau");
  await page.getByRole("button", { name: "Créer le projet" }).click();
  await expect(page.getByLabel("Nom du projet")).toHaveAttribute("aria-invalid", "true");
  // Plain words that name the field, not zod's « Trop petit : chaîne de caractères doit avoir >=3 caractères ».
  await expect(page.getByText("Indiquez le nom du projet.")).toBeVisible();
  await expect(page.getByText(/Trop petit|>=/)).toHaveCount(0);
  await expectAccessible(page);
  await context.close();
});

test("an unverified councillor is told his role awaits verification, and cannot open the territory view", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("councillor") });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByText(/attend d'être vérifié/)).toBeVisible();
  // He is told who can vouch for him, and reaches the page where he may remind them.
  await page.getByRole("link", { name: "Peut vous vérifier : Élise Morel (Maire)." }).click();
  await expect(page.getByRole("button", { name: "Relancer les personnes qui peuvent me vérifier" })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test("the mayor is told of the councillor's claim and finds it first on her commune's page, with what to judge it by", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("mayor") });
  const page = await context.newPage();
  await page.goto("/notifications");
  const notice = page.getByRole("listitem").filter({ hasText: "Lucas Bernard demande à être vérifié·e comme membre de Commune de Die" });
  await notice.getByRole("link", { name: "Commune de Die" }).click();
  // Other browser tests may add claims meanwhile (an invited official): at least the councillor's.
  await expect(page.getByRole("heading", { name: /^\d+ demandes? à vérifier$/ })).toBeVisible();
  const claim = page.getByRole("listitem").filter({ hasText: "Lucas Bernard" }).first();
  await expect(claim.getByText(/^Demande du /)).toBeVisible();
  await expect(claim.getByRole("button", { name: "Vérifier : Lucas Bernard" })).toBeVisible();
  await expect(claim.getByRole("button", { name: "Refuser : Lucas Bernard" })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test("the platform admin sees the roles waiting for verification", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("platformAdmin") });
  const page = await context.newPage();
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Rôles à vérifier dans les collectivités" })).toBeVisible();
  await expect(page.getByText("Lucas Bernard")).toBeVisible();
  await expectAccessible(page);
  await context.close();
});
