import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test("a newcomer signs in with a magic link from the outbox, through the confirmation button", async ({ page }) => {
  const email = `e2e-${Date.now().toString(36)}@exemple.test`;
  await page.goto("/connexion");
  await expectAccessible(page);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir mon lien" }).click();
  await expect(page.getByRole("heading", { name: "Vérifiez votre messagerie" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/dev/courriels");
  const message = page.getByRole("article").filter({ hasText: email }).first();
  await expect(message).toBeVisible();
  await expectAccessible(page);
  const link = await message.getByRole("link").getAttribute("href");
  expect(link).toContain("/connexion/confirmer?");

  // What a mail scanner does: open the link. Nothing is used up until the button is pressed.
  const scannerVisit = await page.request.get(link ?? "");
  expect(scannerVisit.status()).toBe(200);

  await page.goto(link ?? "");
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page.getByRole("heading", { name: /^Bonjour/ })).toBeVisible();
  // A newcomer has no name yet: asked at once, so that partners never see an address instead.
  await expect(page.getByRole("heading", { name: "Comment vous appelez-vous ?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Indiquez votre prénom.")).toBeVisible();
  await page.getByLabel("Prénom").fill("Jeanne");
  await page.getByLabel("Nom", { exact: true }).fill("Dupont");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { name: "Bonjour Jeanne Dupont" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Comment vous appelez-vous ?" })).toHaveCount(0);

  // The link is used up: a second sign-in with it fails with a clear page.
  await page.context().clearCookies();
  await page.goto(link ?? "");
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page.getByRole("heading", { name: "La connexion n'a pas abouti" })).toBeVisible();
  await expectAccessible(page);
});

test("in demo mode, a demo person signs in with one click and signs out", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByRole("button", { name: /Entrer comme Élise Morel/ }).click();
  await expect(page.getByRole("heading", { name: "Bonjour Élise Morel" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Élise Morel" }).click();
  await expect(page.getByRole("heading", { name: "Mon compte", exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Commune de Die" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();
});

test("a fourth link asked for the same address within the hour is refused, saying when to retry", async ({ page }) => {
  const email = `presse-${Date.now().toString(36)}@exemple.test`;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await page.goto("/connexion");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Recevoir mon lien" }).click();
    await expect(page.getByRole("heading", { name: "Vérifiez votre messagerie" })).toBeVisible();
  }
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir mon lien" }).click();
  await expect(page.getByText(/Trop de liens demandés en peu de temps\. Vous pourrez en demander un nouveau à partir de \d{2}:\d{2}\./)).toBeVisible();
  await expectAccessible(page);
});
