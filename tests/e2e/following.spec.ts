import { expect, test } from "@playwright/test";
import { expectAccessible, storageStateOf, uniqueLabel } from "./support";

const PHONE = { width: 390, height: 844 };
const PROJECT = "/projets/5b0f0d7e-3c55-4c8e-9a51-000000000b07"; // Atelier vélo solidaire, in Die

test("on a phone, the mayor follows a project, then sees what changed and is notified of it", async ({ browser }) => {
  const mayorContext = await browser.newContext({ storageState: storageStateOf("mayor"), viewport: PHONE });
  const mayor = await mayorContext.newPage();
  await mayor.goto(PROJECT);
  await mayor.getByRole("button", { name: "Suivre ce projet" }).click();
  await expect(mayor.getByRole("button", { name: "Ne plus suivre" })).toBeVisible();
  await mayor.goto("/suivis");
  const card = mayor.getByRole("listitem").filter({ hasText: "Atelier vélo solidaire" });
  await expect(card.getByText("Rien de nouveau depuis votre dernière visite")).toBeVisible();

  // The collective records a milestone and mentions the mayor in the discussion.
  const milestoneTitle = uniqueLabel("Atelier de réparation sur la place du marché");
  const collectiveContext = await browser.newContext({ storageState: storageStateOf("collectiveMember") });
  const collective = await collectiveContext.newPage();
  await collective.goto(PROJECT);
  const form = collective.locator("form").filter({ has: collective.getByRole("button", { name: "Enregistrer le jalon" }) });
  await form.getByLabel("Type de jalon").selectOption("joint_event");
  await form.getByLabel("Intitulé").fill(milestoneTitle);
  await form.getByRole("button", { name: "Enregistrer le jalon" }).click();
  await expect(collective.getByText(milestoneTitle, { exact: true })).toBeVisible();
  // Saved, said so, and the new entry in the timeline has the focus, in view.
  await expect(form.getByText("Jalon enregistré")).toBeVisible();
  const entry = collective.getByRole("listitem").filter({ hasText: milestoneTitle }).first();
  await expect(entry).toBeFocused();
  await expect(entry).toBeInViewport();
  await collective.getByLabel("Votre message").fill("Madame la maire, seriez-vous disponible samedi ?");
  await collective.getByText("Mentionner (la personne est prévenue)").click();
  await collective.getByLabel("@Élise Morel").check();
  await collective.getByRole("button", { name: "Publier" }).click();
  await expect(collective.getByText("Madame la maire, seriez-vous disponible samedi ?")).toBeVisible();
  await expectAccessible(collective);
  // What the council would print says the milestone waits for the commune's confirmation.
  await collective.goto(`${PROJECT}/imprimer`);
  await expect(collective.getByText(`${milestoneTitle} (`, { exact: false })).toContainText("— pas encore confirmé par l'autre côté");
  await collectiveContext.close();

  await mayor.goto("/suivis");
  await expect(card.getByText(/nouveautés? depuis votre dernière visite/)).toBeVisible();
  await expectAccessible(mayor);
  await mayor.getByRole("link", { name: /Notifications, \d+ non lues?/ }).click();
  await expect(mayor.getByText(`Thomas Blanc a noté un jalon : « ${milestoneTitle} »`)).toBeVisible();
  await expect(mayor.getByText(/Thomas Blanc vous a mentionné·e/)).toBeVisible();
  await expectAccessible(mayor);
  // Opening one lands on the milestone itself and reads it.
  const recorded = mayor.getByRole("listitem").filter({ hasText: `Thomas Blanc a noté un jalon : « ${milestoneTitle} »` });
  await recorded.getByRole("link").click();
  await expect(mayor).toHaveURL(/#jalon-[0-9a-f-]+$/);
  const milestone = mayor.locator(new URL(mayor.url()).hash);
  await expect(milestone).toContainText(milestoneTitle);
  await expect(milestone).toBeInViewport();
  await expect(async () => {
    await mayor.goto("/notifications");
    await expect(recorded.getByText("Non lue", { exact: true })).toHaveCount(0, { timeout: 1_000 });
  }).toPass();
  await mayor.getByRole("button", { name: "Tout marquer comme lu" }).click();
  await expect(mayor.getByRole("link", { name: "Notifications, aucune non lue" })).toBeVisible();

  await mayor.goto(PROJECT);
  await expect(mayor.getByText(milestoneTitle, { exact: true })).toBeVisible();
  await mayor.goto("/suivis");
  await expect(card.getByText("Rien de nouveau depuis votre dernière visite")).toBeVisible();
  await mayorContext.close();
});

test("the mayor prints a project file for the council and subscribes to planned milestones", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("mayor") });
  const page = await context.newPage();
  await page.goto("/projets/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0b01");
  await page.getByRole("link", { name: "Version imprimable" }).click();
  await expect(page.getByRole("heading", { name: "Tiers-lieu de l'ancienne gare de Die" })).toBeVisible();
  await expect(page.getByText(/^Imprimé le /)).toBeVisible();
  await expect(page.getByRole("table", { name: "Historique des stades" }).first()).toBeVisible();
  await expectAccessible(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  await page.goto("/suivis");
  await page.getByRole("button", { name: "Créer mon adresse de calendrier" }).click();
  const address = page.getByLabel("Adresse de votre calendrier");
  await expect(address).toHaveValue(/\/api\/calendrier\//);
  // A calendar app subscribes to the webcal: address; the copy button puts the https: one on the clipboard.
  const https = await address.inputValue();
  await expect(page.getByRole("link", { name: "S'abonner dans mon agenda" })).toHaveAttribute("href", https.replace(/^https?:/, "webcal:"));
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copier l'adresse" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Adresse copiée" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(https);
  await expectAccessible(page);
  const feed = await page.request.get((await address.inputValue()).replace(/^https?:\/\/[^/]+/, ""));
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain("BEGIN:VCALENDAR");
  await page.getByRole("button", { name: "Supprimer l'adresse" }).click();
  await expect(page.getByRole("button", { name: "Créer mon adresse de calendrier" })).toBeVisible();
  await context.close();
});

test("an official receives an invitation in the outbox and, on a phone, accepts it in one tap; the role then waits for verification", async ({ browser }) => {
  const email = `secretaire-${Date.now().toString(36)}@mairie-die.test`;
  const collective = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await collective.newPage();
  await page.goto("/projets/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0b01");
  const invite = page.locator("form").filter({ has: page.getByRole("button", { name: "Envoyer l'invitation" }) });
  await invite.getByLabel("Au nom de").selectOption({ label: "Commune de Die" });
  await invite.getByLabel("Son adresse e-mail").fill(email);
  await invite.getByLabel("Sa fonction").selectOption("agent");
  await invite.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
  await collective.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const official = await phone.newPage();
  await official.goto("/dev/courriels");
  const link = await official.getByRole("article").filter({ hasText: email }).first().getByRole("link").getAttribute("href");
  expect(link).toContain("/invitation/");
  const path = (link ?? "").replace(/^https?:\/\/[^/]+/, "");
  await official.goto(path);
  await expect(official.getByText(/vous invite à suivre le projet « Tiers-lieu de l'ancienne gare de Die »/)).toBeVisible();
  await expectAccessible(official);
  await official.getByRole("button", { name: "Accepter l'invitation" }).click();
  // Signed in, and a member of the commune once someone there vouches for them: until then, no
  // more than any signed-in person.
  await expect(official.getByText("Votre rôle à « Commune de Die » attend d'être vérifié.", { exact: false })).toBeVisible();
  await expectAccessible(official);

  // The link is used up: a second visit says so plainly.
  await official.goto(path);
  await expect(official.getByText("Cette invitation a déjà servi.", { exact: false })).toBeVisible();
  await phone.close();
});

test("a person chooses, kind by kind, how they are emailed", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("councillor") });
  const page = await context.newPage();
  await page.goto("/compte");
  const mentions = page.getByRole("group", { name: "Les mentions" });
  await expect(mentions.getByLabel("Tout de suite")).toBeChecked();
  await mentions.getByLabel("Récapitulatif hebdomadaire").check();
  await expect(page.getByText("Préférence enregistrée.")).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole("group", { name: "Les mentions" }).getByLabel("Récapitulatif hebdomadaire")).toBeChecked();
  await context.close();
});
