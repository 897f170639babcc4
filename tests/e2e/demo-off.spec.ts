import { expect, test } from "@playwright/test";
import { PLAIN_BASE_URL } from "./ports";
import { expectAccessible } from "./support";

test("without demo mode, demo sign-in and the outbox page answer 404", async ({ request, page }) => {
  const demoSignIn = await request.post(`${PLAIN_BASE_URL}/api/demo/connexion`, {
    form: { email: "elise.morel@demo.maillage.test" },
    headers: { Origin: PLAIN_BASE_URL },
    maxRedirects: 0,
  });
  expect(demoSignIn.status()).toBe(404);
  const outbox = await request.get(`${PLAIN_BASE_URL}/dev/courriels`);
  expect(outbox.status()).toBe(404);
  await page.goto(`${PLAIN_BASE_URL}/connexion`);
  await expect(page.getByRole("heading", { name: "Se connecter" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Entrer comme/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Courriels envoyés/ })).toHaveCount(0);
  await expectAccessible(page);
});
