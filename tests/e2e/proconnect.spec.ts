import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

// The demo server signs in with a stand-in for ProConnect (playwright.config.ts): a real OpenID
// provider whose login page lists one agent, of the mairie of Crest.
test("an agent of a mairie signs in with ProConnect, lands verified for their commune, and signs out of both", async ({ page }) => {
  await page.goto("/connexion");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Se connecter avec ProConnect" }).click();

  await expect(page.getByRole("heading", { name: "ProConnect — connexion d'essai" })).toBeVisible();
  await page.getByRole("button", { name: /Karim Benali/ }).click();

  await expect(page.getByRole("heading", { name: "Bonjour Karim Benali" })).toBeVisible();
  // ProConnect proved the mairie: the commune's projects are open to him at once, no one vouching.
  await expect(page.getByRole("link", { name: "Projets du territoire : Commune de Crest" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  // ProConnect asks to end its own session too, then sends him back here, signed out.
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();
  await expect(page).toHaveURL(/127\.0\.0\.1:3100\/(\?.*)?$/);
});
