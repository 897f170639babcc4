import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { addAuthority, createProjectInDie, expectAccessible, ROLES, storageStateOf, uniqueLabel } from "./support";

/** The page is controlled by the service worker, and the project page as it now is, its tabs and the outbox are kept. */
async function keptForOffline(page: Page, showing: string) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
  const url = page.url();
  await expect
    .poll(() =>
      page.evaluate(
        async ([address, text]) => {
          const cache = await caches.open("maillage-pages");
          const kept = await Promise.all([address, `${address}?onglet=dossier`, "/envois"].map((one) => cache.match(one, { ignoreVary: true })));
          return kept.every(Boolean) && (await kept[0]?.text())?.includes(text);
        },
        [url, showing] as const,
      ),
    )
    .toBe(true);
}

async function recordMilestone(page: Page, title: string) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Enregistrer le jalon" }) });
  await form.getByLabel("Type de jalon").selectOption("first_meeting");
  await form.getByLabel("Intitulé").fill(title);
  await form.getByRole("button", { name: "Enregistrer le jalon" }).click();
}

/** The queued writes and caches, as the browser's own APIs see them. */
async function storedOffline(page: Page) {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const writes = await new Promise<number>((resolve) => {
      const request = indexedDB.open("maillage-hors-connexion");
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("writes")) return resolve(0);
        const count = db.transaction("writes").objectStore("writes").count();
        count.onsuccess = () => resolve(count.result);
      };
      request.onerror = () => resolve(-1);
    });
    const pages = names.includes("maillage-pages") ? (await (await caches.open("maillage-pages")).keys()).length : 0;
    return { pages, writes };
  });
}

async function newProjectWithDie(context: BrowserContext, title: string) {
  const page = await context.newPage();
  const url = await createProjectInDie(page, title);
  await addAuthority(page, "die", /^Die Commune · 26/);
  await expect(page.getByRole("article", { name: /Commune de Die/ })).toBeVisible();
  return { page, url };
}

test("without signal, a visited project reads, a milestone waits in the outbox, and lands once when the signal returns", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: storageStateOf("collectiveAdmin"), serviceWorkers: "allow" });
  const { page, url } = await newProjectWithDie(context, uniqueLabel("Épicerie de la vallée"));
  await keptForOffline(page, "Commune de Die");

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText(/^Hors connexion — version du \d{1,2} \S+ à \d{1,2} h \d{2}\.$/)).toBeVisible();
  // What needs the network is disabled, and says why; the milestone form still works.
  await expect(page.getByRole("button", { name: "Ajouter la collectivité" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Ajouter la collectivité" })).toHaveAccessibleDescription(/désactivé/);
  const title = uniqueLabel("Réunion à la salle des fêtes");
  await recordMilestone(page, title);
  await expect(page.getByText("Hors connexion : c'est gardé sur cet appareil et sera envoyé au retour du réseau.")).toBeVisible();
  const here = page.getByRole("region", { name: "1 envoi en attente" });
  await expect(here.getByText(`Jalon « ${title} »`)).toBeVisible();
  await expect(here.getByText("en attente d'envoi")).toBeVisible();
  await expectAccessible(page);
  // Its tabs read too.
  await page.getByRole("link", { name: "Dossier" }).click();
  await expect(page).toHaveURL(/onglet=dossier/);
  await expect(page.getByText(/^Hors connexion/)).toBeVisible();

  await page.getByRole("link", { name: "1 envoi en attente" }).click();
  await expect(page.getByRole("heading", { name: "Envois en attente" })).toBeVisible();
  await expect(page.getByText(`Jalon « ${title} »`)).toBeVisible();
  await expectAccessible(page);

  // Back online: sent, once.
  await context.setOffline(false);
  await expect(page.getByText("Rien n'attend d'être envoyé.", { exact: false })).toBeVisible({ timeout: 15_000 });
  await page.goto(url);
  await expect(page.getByText(title, { exact: true })).toHaveCount(1);
  await context.close();

  const mayorContext = await browser.newContext({ storageState: storageStateOf("mayor"), serviceWorkers: "allow" });
  const mayor = await mayorContext.newPage();
  await mayor.goto("/notifications");
  await expect(mayor.getByRole("listitem").filter({ hasText: `a noté un jalon : « ${title} »` })).toHaveCount(1);
  await mayorContext.close();
});

test("a write whose answer was lost is sent again with its key and recorded once; one refused stays with its message; signing out forgets all", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // A session of its own: signing out ends it, not the one the other tests share.
  const context = await browser.newContext({ serviceWorkers: "allow" });
  const signedIn = await context.request.post("/api/demo/connexion", {
    form: { email: ROLES.collectiveAdmin },
    headers: { Origin: baseURL ?? "" },
    maxRedirects: 0,
  });
  expect(signedIn.status()).toBe(303);
  const { page, url } = await newProjectWithDie(context, uniqueLabel("Atelier partagé"));
  await keptForOffline(page, "Commune de Die");

  // The request reaches the server, the answer never comes back.
  const lost = uniqueLabel("Visite du maire");
  let cut = false;
  await page.route("**/api/trpc/milestone.create**", async (route) => {
    if (cut) return route.continue();
    cut = true;
    await route.fetch();
    await route.abort("internetdisconnected");
  });
  await recordMilestone(page, lost);
  await expect(page.getByText("Hors connexion : c'est gardé sur cet appareil et sera envoyé au retour du réseau.")).toBeVisible();
  await page.unroute("**/api/trpc/milestone.create**");
  // Sent again from the outbox — by this button, the page loading online or Background Sync, whichever comes first.
  await page.goto("/envois");
  await page
    .getByRole("button", { name: "Envoyer maintenant" })
    .click({ timeout: 2_000 })
    .catch(() => {});
  await expect.poll(async () => (await storedOffline(page)).writes).toBe(0);
  await page.goto(url);
  await expect(page.getByText(lost, { exact: true })).toHaveCount(1);

  // Offline, a milestone for Die; meanwhile the relationship is ended from elsewhere: refused on reconnect.
  await context.setOffline(true);
  await page.reload();
  const refused = uniqueLabel("Rencontre au marché");
  await recordMilestone(page, refused);
  await expect(page.getByRole("region", { name: "1 envoi en attente" })).toBeVisible();
  const elsewhere = await browser.newContext({ storageState: storageStateOf("collectiveAdmin"), serviceWorkers: "allow" });
  const other = await elsewhere.newPage();
  await other.goto(url);
  await other.getByRole("button", { name: "Mettre fin à la relation : Commune de Die" }).click();
  await other.getByLabel("Pourquoi mettre fin à la relation ?").fill("Le projet change de commune.");
  await other.getByRole("button", { name: "Mettre fin à la relation", exact: true }).click();
  await expect(other.getByText(/Relation terminée le/)).toBeVisible();
  await elsewhere.close();

  await context.setOffline(false);
  await page.goto("/envois");
  const entry = page.getByRole("listitem").filter({ hasText: `Jalon « ${refused} »` });
  await expect(entry.getByText("refusé", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(entry.getByText(/^Maillage l'a refusé : .+/)).toBeVisible();
  await expect(entry.getByText(refused).last()).toBeVisible();
  await expectAccessible(page);
  expect((await storedOffline(page)).writes).toBe(1);
  expect((await storedOffline(page)).pages).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/$|connexion/);
  expect(await storedOffline(page)).toEqual({ pages: 0, writes: 0 });
  await context.close();
});
