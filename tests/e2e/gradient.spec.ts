import { expect, test } from "@playwright/test";
import { addAuthority, createProjectInDie, expectAccessible, storageStateOf, uniqueLabel } from "./support";

test("a project's trust moves forward: the collective proposes, the commune confirms, and back", async ({ browser }) => {
  test.setTimeout(120_000);
  const title = uniqueLabel("Café-librairie de Die");
  const milestoneTitle = uniqueLabel("Réunion de lancement en mairie");

  // The collective creates the project, adds its commune and its EPCI at Observation, records a milestone.
  const collective = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await collective.newPage();
  const projectUrl = await createProjectInDie(page, title);

  await addAuthority(page, "die", /^Die Commune · 26/);
  await expect(page.getByRole("article", { name: /Commune de Die/ })).toBeVisible();
  await addAuthority(page, "diois", /^CC du Diois Intercommunalité/);
  const epciCard = page.getByRole("article", { name: /CC du Diois/ });
  await expect(epciCard).toBeVisible();
  await expect(epciCard.getByText("à confirmer").first()).toBeVisible();
  await expectAccessible(page);

  const milestoneForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Enregistrer le jalon" }) });
  await milestoneForm.getByLabel("Type de jalon").selectOption("first_meeting");
  await milestoneForm.getByLabel("Intitulé").fill(milestoneTitle);
  await milestoneForm.getByLabel("Casser les représentations limitantes").check();
  await milestoneForm.getByRole("button", { name: "Enregistrer le jalon" }).click();
  await expect(page.getByText(milestoneTitle, { exact: true })).toBeVisible();
  await collective.close();

  // The mayor confirms the start and the milestone, then proposes Observation → Collaboration.
  const mayorContext = await browser.newContext({ storageState: storageStateOf("mayor") });
  const mayor = await mayorContext.newPage();
  await mayor.goto(projectUrl);
  const dieCard = mayor.getByRole("article", { name: /Commune de Die/ });
  await expect(dieCard.getByText("Le collectif propose de démarrer à Observation.")).toBeVisible();
  await expectAccessible(mayor);
  await dieCard.getByRole("button", { name: "Confirmer" }).click();
  await expect(dieCard.getByRole("list", { name: "Stade actuel : Observation" })).toBeVisible();
  await mayor.getByRole("button", { name: `Confirmer — ${milestoneTitle}` }).click();
  await expect(mayor.getByRole("listitem").filter({ hasText: milestoneTitle }).getByText("Confirmé")).toBeVisible();
  await dieCard.getByRole("button", { name: "Proposer un changement de stade" }).click();
  // The form proposes the next stage, not a step backwards.
  await expect(dieCard.getByLabel("Nouveau stade")).toHaveValue("collaboration");
  await dieCard.getByLabel("Ce qui justifie ce changement").fill("La halle est prêtée au collectif par convention.");
  await dieCard.getByRole("button", { name: "Envoyer" }).click();
  await expect(dieCard.getByText("La collectivité propose de passer d'Observation à Collaboration.")).toBeVisible();
  await expectAccessible(mayor);
  await mayorContext.close();

  // The collective confirms; the strip, the timeline and the chart show the move.
  const again = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page2 = await again.newPage();
  await page2.goto(projectUrl);
  const card = page2.getByRole("article", { name: /Commune de Die/ });
  await card.getByRole("button", { name: "Confirmer" }).click();
  await expect(card.getByRole("list", { name: "Stade actuel : Collaboration" })).toBeVisible();
  await expect(page2.getByText("Commune de Die : Observation → Collaboration")).toBeVisible();
  const chart = page2.getByRole("figure");
  await expect(chart.getByRole("img")).toBeVisible();
  await expect(chart.getByRole("listitem").filter({ hasText: "Commune de Die" })).toBeVisible();
  await expect(chart.getByRole("row").filter({ hasText: "Collaboration" })).toHaveCount(1);
  await expectAccessible(page2);

  await page2.getByRole("link", { name: "Baromètre" }).click();
  await expect(page2.getByText(/Chaque côté répond/)).toBeVisible();
  await expectAccessible(page2);
  // The collective answers the ten questions on the barometer's tab.
  await page2
    .getByText(/Répondre au baromètre/)
    .first()
    .click();
  const barometerForm = page2
    .locator("form")
    .filter({ has: page2.getByRole("button", { name: "Enregistrer mes réponses" }) })
    .first();
  const questions = barometerForm.getByRole("group");
  await expect(questions).toHaveCount(10);
  for (let index = 0; index < 10; index += 1) await questions.nth(index).getByRole("radio").nth(3).check();
  await barometerForm.getByRole("button", { name: "Enregistrer mes réponses" }).click();
  await expect(barometerForm.getByText("Vos réponses sont enregistrées.")).toBeVisible();
  await expectAccessible(page2);
  await page2.getByRole("link", { name: "Historique" }).click();
  await expect(page2.getByText("a confirmé").first()).toBeVisible();
  await expectAccessible(page2);
  await again.close();
});

test("the project file is edited, and a stale save is refused with what changed, keeping what was typed", async ({ browser }) => {
  const first = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const second = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const a = await first.newPage();
  const b = await second.newPage();
  const url = "/projets/5b0f0d7e-3c55-4c8e-9a51-000000000b05?onglet=dossier";
  await a.goto(url);
  await b.goto(url);
  await expect(a.getByRole("heading", { name: "Modifier le dossier" })).toBeVisible();
  await expectAccessible(a);

  const sector = uniqueLabel("Mobilité douce");
  await a.getByLabel("Secteur d'activité").selectOption("autre");
  await a.getByLabel("Précisez le secteur").fill(sector);
  await a.getByRole("button", { name: "Enregistrer le dossier" }).click();
  await expect(a.getByText("Dossier enregistré.")).toBeVisible();
  await expect(a.getByText(sector).first()).toBeVisible();

  await b.getByLabel("Emplois que le projet pourrait créer").fill("7");
  await b.getByRole("button", { name: "Enregistrer le dossier" }).click();
  await expect(b.getByText("Modifié entre-temps")).toBeVisible();
  await expect(b.getByRole("alert").filter({ hasText: "Modifié entre-temps" })).toContainText("Secteur d'activité");
  await expect(b.getByLabel("Emplois que le projet pourrait créer")).toHaveValue("7");
  await b.getByRole("button", { name: "Charger la dernière version" }).click();
  await expect(b.getByText("Modifié entre-temps")).toBeHidden();
  await b.getByRole("button", { name: "Enregistrer le dossier" }).click();
  await expect(b.getByText("Dossier enregistré.")).toBeVisible();
  await b.reload();
  await expect(b.getByText(sector).first()).toBeVisible();
  await expect(b.getByLabel("Emplois que le projet pourrait créer")).toHaveValue("7");
  await first.close();
  await second.close();
});

test("the Dossier tab's form, whose code comes with the tab, cannot be sent before that code has arrived, then saves", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await context.newPage();
  // Every script is held back until the end of the first part: the page is its server-rendered HTML alone.
  let releaseScripts = () => {};
  const scriptsReleased = new Promise<void>((resolve) => (releaseScripts = resolve));
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
    await scriptsReleased;
    await route.continue();
  });
  const url = "/projets/5b0f0d7e-3c55-4c8e-9a51-000000000b08?onglet=dossier";
  await page.goto(url, { waitUntil: "domcontentloaded" });
  const save = page.getByRole("button", { name: "Enregistrer le dossier" });
  const sector = page.getByLabel("Secteur d'activité");
  await expect(save).toBeDisabled();
  await expect(sector).toBeDisabled();
  // A click that reaches the button anyway sends nothing and leaves the page where it is.
  await save.click({ force: true });

  releaseScripts();
  await expect(save).toBeEnabled();
  expect(new URL(page.url()).search).toBe("?onglet=dossier");
  const value = uniqueLabel("Santé de proximité");
  await sector.selectOption("autre");
  await page.getByLabel("Précisez le secteur").fill(value);
  await save.click();
  await expect(page.getByText("Dossier enregistré.")).toBeVisible();
  await page.reload();
  await expect(page.getByText(value).first()).toBeVisible();
  await context.close();
});

test("when the Dossier tab's form cannot be downloaded, that form alone says so and a retry brings it back", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await context.newPage();
  const url = "/projets/5b0f0d7e-3c55-4c8e-9a51-000000000b08?onglet=dossier";
  // The page's own scripts are named in its HTML; the form's code, fetched once the page runs, is not.
  const html = await (await context.request.get(url)).text();
  const pageScripts = new Set(html.match(/\/_next\/static\/chunks\/[^"'\s]+\.js/g));
  let connectionBack = false;
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (pageScripts.has(path) || connectionBack) await route.continue();
    else await route.abort("internetdisconnected");
  });
  await page.goto(url);
  // The tab has four such forms: who can see the file, where the project stands, the request to a network, the file itself.
  const failure = page.getByRole("alert").filter({ hasText: "Ce formulaire n'a pas pu se charger" });
  await expect(failure).toHaveCount(4);
  // The rest of the page is still there.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dossier" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: "Enregistrer le dossier" })).toHaveCount(0);

  connectionBack = true;
  for (const left of [3, 2, 1, 0]) {
    await failure.first().getByRole("button", { name: "Réessayer" }).click();
    await expect(failure).toHaveCount(left);
  }
  const save = page.getByRole("button", { name: "Enregistrer le dossier" });
  await expect(save).toBeEnabled();
  await expect(page.getByRole("button", { name: "Demander l'accompagnement d'un réseau" })).toBeEnabled();
  const value = uniqueLabel("Mobilité solidaire");
  await page.getByLabel("Secteur d'activité").selectOption("autre");
  await page.getByLabel("Précisez le secteur").fill(value);
  await save.click();
  await expect(page.getByText("Dossier enregistré.")).toBeVisible();
  await page.reload();
  await expect(page.getByText(value).first()).toBeVisible();
  await context.close();
});

test("a collective asks a network to accompany its project; the network's moderator accepts and then sees the file", async ({ browser }) => {
  const projectUrl = "/projets/5b0f0d7e-3c55-4c8e-9a51-000000000b05";
  const collective = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await collective.newPage();
  await page.goto(`${projectUrl}?onglet=dossier`);
  await page.getByLabel("Réseau d'accompagnement", { exact: true }).selectOption({ label: "Réseau coopératif Drôme-Ardèche" });
  await page.getByRole("button", { name: "Demander l'accompagnement d'un réseau" }).click();
  await expect(page.getByText("(demande en cours)")).toBeVisible();
  await collective.close();

  const moderatorContext = await browser.newContext({ storageState: storageStateOf("moderator") });
  const moderator = await moderatorContext.newPage();
  expect((await moderator.goto(projectUrl))?.status()).toBe(404);
  await moderator.goto("/");
  await moderator.getByRole("link", { name: "Demandes d'accompagnement pour mon réseau" }).click();
  await expect(moderator.getByText("Habitat partagé des Trois Becs")).toBeVisible();
  await expectAccessible(moderator);
  await moderator.getByRole("button", { name: "Accepter : Habitat partagé des Trois Becs" }).click();
  // Other requests may be waiting (browser tests run side by side): this one is answered.
  await expect(moderator.getByRole("button", { name: "Accepter : Habitat partagé des Trois Becs" })).toHaveCount(0);
  await moderator.goto(projectUrl);
  await expect(moderator.getByRole("heading", { name: "Habitat partagé des Trois Becs" })).toBeVisible();
  await moderatorContext.close();
});

test("on a phone, a long timeline shows its newest events, and the whole of it is one link away", async ({ browser }) => {
  const tiersLieu = "/projets/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0b01"; // 17 events since a first meeting in October 2024
  // The collective enters a meeting of 2023 into the history: the commune has it to confirm.
  const oldMeeting = uniqueLabel("Réunion publique de 2023");
  const collectiveContext = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const collective = await collectiveContext.newPage();
  await collective.goto(tiersLieu);
  const form = collective.locator("form").filter({ has: collective.getByRole("button", { name: "Enregistrer le jalon" }) });
  await form.getByLabel("Intitulé").fill(oldMeeting);
  await form.getByLabel("Date").fill("2023-05-04");
  await form.getByRole("checkbox", { name: "Commune de Die" }).check();
  await form.getByRole("button", { name: "Enregistrer le jalon" }).click();
  await expect(form.getByLabel("Intitulé")).toHaveValue("");
  await collectiveContext.close();

  const context = await browser.newContext({ storageState: storageStateOf("mayor"), viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(tiersLieu);
  const timeline = page.locator("section").filter({ has: page.getByRole("heading", { name: "Chronologie", exact: true }) });
  const events = timeline.locator(":scope > ol > li");
  await expect(events).toHaveCount(15);
  await expect(timeline.getByText("Première rencontre en mairie")).toHaveCount(0);
  await expect(timeline.getByText(oldMeeting)).toHaveCount(0);

  // The link says that one of the older events waits for the mayor.
  await timeline.getByRole("link", { name: /^Voir les \d+ événements plus anciens, dont 1 attend votre réponse$/ }).click();
  await expect(page).toHaveURL(/chronologie=complete/);
  await expect(timeline.getByText("Première rencontre en mairie")).toBeVisible();
  expect(await events.count()).toBeGreaterThanOrEqual(18);
  await expect(timeline.getByRole("link", { name: /plus anciens/ })).toHaveCount(0);
  await expectAccessible(page);
  await timeline.getByRole("button", { name: `Confirmer — ${oldMeeting}` }).click();
  await expect(timeline.getByRole("listitem").filter({ hasText: oldMeeting }).getByText("Confirmé")).toBeVisible();

  // At the end of the whole timeline, one link leads back to the newest events.
  await timeline.getByRole("link", { name: "Ne voir que les 15 événements les plus récents" }).click();
  await expect(page).not.toHaveURL(/chronologie=complete/);
  await expect(events).toHaveCount(15);
  await expect(timeline.getByRole("link", { name: /^Voir les \d+ événements plus anciens$/ })).toBeVisible();
  await context.close();
});

test("a refused stage change says why to the side that proposed it, on the timeline", async ({ browser }) => {
  const title = uniqueLabel("Atelier vélo de Die");
  const collective = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await collective.newPage();
  const projectUrl = await createProjectInDie(page, title);
  await addAuthority(page, "die", /^Die Commune · 26/);
  await expect(page.getByRole("article", { name: /Commune de Die/ })).toBeVisible();

  // The mayor refuses the proposed start, saying why.
  const mayorContext = await browser.newContext({ storageState: storageStateOf("mayor") });
  const mayor = await mayorContext.newPage();
  await mayor.goto(projectUrl);
  const dieCard = mayor.getByRole("article", { name: /Commune de Die/ });
  await dieCard.getByLabel("Commentaire").fill("Nous ne nous sommes pas encore rencontrés.");
  await dieCard.getByRole("button", { name: "Refuser" }).click();
  await expect(mayor.getByText("Motif du refus : Nous ne nous sommes pas encore rencontrés.")).toBeVisible();
  await mayorContext.close();

  await page.reload();
  await expect(page.getByText(/Commune de Die : proposition — → Observation refusée/)).toBeVisible();
  await expect(page.getByText("Motif du refus : Nous ne nous sommes pas encore rencontrés.")).toBeVisible();
  await expectAccessible(page);
  await collective.close();
});

test("a milestone recorded by mistake is corrected, then withdrawn, by its author; an official's menu does not offer a new project", async ({ browser }) => {
  const PROJECT = "/projets/5b0f0d7e-3c55-4c8e-9a51-000000000b07"; // Atelier vélo solidaire, in Die
  const context = await browser.newContext({ storageState: storageStateOf("collectiveMember"), viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(PROJECT);
  const title = uniqueLabel("Visite de l'atelier par erreur");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Enregistrer le jalon" }) });
  // A kind ticks its obvious lever, which the person may untick.
  await form.getByLabel("Type de jalon").selectOption("first_seed_action");
  const seedLever = form.getByRole("checkbox", { name: "Faciliter la première action d'amorçage" });
  await expect(seedLever).toBeChecked();
  await seedLever.uncheck();
  await expect(seedLever).not.toBeChecked();
  await expect(form.getByText("Recommandés par l'étude au stade de la relation")).toBeVisible();
  await form.getByLabel("Intitulé").fill(title);
  await form.getByRole("button", { name: "Enregistrer le jalon" }).click();
  const entry = page.getByRole("listitem").filter({ hasText: title }).first();
  await expect(entry).toBeFocused();

  await entry.getByRole("button", { name: "Corriger" }).click();
  const correction = page.getByRole("form", { name: `Corriger le jalon « ${title} »` });
  await correction.getByLabel("Intitulé").fill(`${title} (corrigé)`);
  await correction.getByRole("button", { name: "Enregistrer la correction" }).click();
  const corrected = page
    .getByRole("listitem")
    .filter({ hasText: `${title} (corrigé)` })
    .first();
  await expect(corrected).toBeVisible();

  await corrected.getByRole("button", { name: "Retirer ce jalon" }).click();
  await expectAccessible(page);
  await corrected.getByRole("button", { name: "Oui, retirer" }).click();
  await expect(page.getByText(`${title} (corrigé)`)).toHaveCount(0);
  await page.goto(`${PROJECT}?onglet=historique`);
  await expect(page.getByText(/a retiré un jalon/).first()).toBeVisible();
  await context.close();

  const mayorContext = await browser.newContext({ storageState: storageStateOf("mayor") });
  const mayor = await mayorContext.newPage();
  await mayor.goto("/");
  const menu = mayor.getByRole("navigation", { name: "Navigation principale" });
  await expect(menu.getByRole("link", { name: "Accueil" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Nouveau projet" })).toHaveCount(0);
  await mayorContext.close();
});

test("the barometer says its questions come from the study and its scoring is Maillage's own, and what a high score means at Défiance", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("collectiveAdmin"), viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/projets/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0b01?onglet=barometre");
  await expect(
    page.getByText("Les questions viennent de l'étude ; le calcul des moyennes et la suggestion de stade sont propres à Maillage.", { exact: false }),
  ).toBeVisible();
  const defiance = page.getByRole("region", { name: "Défiance" }).first();
  await expect(defiance.getByText("ici, une note haute signale de la méfiance")).toBeVisible();
  await context.close();
});
