import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, storageStateOf, uniqueLabel } from "./support";

const NETWORK = "Réseau coopératif Drôme-Ardèche";

/** A number shown on the page, read from the text that holds it. */
async function numberIn(page: Page, pattern: RegExp) {
  const text = (await page.getByText(pattern).first().textContent()) ?? "";
  return Number(pattern.exec(text)?.[1] ?? Number.NaN);
}

test("a network moderates its portfolio: accepts a project, hides a reported comment, imports a spreadsheet and sees the dashboard move", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const title = uniqueLabel("Recyclerie du Diois");
  const comment = uniqueLabel("Ce maire ne comprend rien");

  // The collective creates a project, asks the network to support it, and writes in the discussion.
  const collectiveContext = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const collective = await collectiveContext.newPage();
  await collective.goto("/projets/nouveau");
  await collective.getByLabel("Nom du projet").fill(title);
  await collective.getByLabel("Structure porteuse").selectOption({ label: "SCIC La Fabrique du Diois" });
  await collective.getByLabel(/Rechercher/).fill("die");
  await collective.getByRole("button", { name: /^Die Commune · 26/ }).click();
  await collective.getByRole("button", { name: "Créer le projet" }).click();
  await expect(collective.getByRole("heading", { name: title })).toBeVisible();
  const projectUrl = collective.url();
  await collective.goto(`${projectUrl}?onglet=dossier`);
  await collective.getByLabel("Réseau d'accompagnement").selectOption({ label: NETWORK });
  await collective.getByRole("button", { name: "Demander l'accompagnement d'un réseau" }).click();
  await expect(collective.getByText("demande en cours")).toBeVisible();
  await collective.goto(projectUrl);
  await collective.getByLabel("Votre message").fill(comment);
  await collective.getByRole("button", { name: "Publier" }).click();
  await expect(collective.getByText(comment)).toBeVisible();
  // Deleting one's own comment asks first; « Annuler » keeps it.
  const own = collective.getByRole("listitem").filter({ hasText: comment });
  await own.getByRole("button", { name: "Supprimer" }).click();
  await expect(own.getByRole("group", { name: "Supprimer ce commentaire ?" })).toBeVisible();
  await own.getByRole("button", { name: "Annuler" }).click();
  await expect(collective.getByText(comment)).toBeVisible();

  // Another member of the collective reports the comment.
  const memberContext = await browser.newContext({ storageState: storageStateOf("collectiveMember") });
  const member = await memberContext.newPage();
  await member.goto(projectUrl);
  await member.getByRole("button", { name: `Signaler : ${comment}` }).click();
  await member.getByLabel("Pourquoi signalez-vous ce contenu ?").fill("Propos blessant envers le maire.");
  await member.getByRole("button", { name: "Signaler", exact: true }).click();
  await expect(member.getByRole("status").filter({ hasText: "Signalement envoyé" })).toBeVisible();
  await memberContext.close();

  // The moderator accepts the project into the portfolio…
  const moderatorContext = await browser.newContext({ storageState: storageStateOf("moderator") });
  const moderator = await moderatorContext.newPage();
  await moderator.goto("/reseaux/demandes");
  await expectAccessible(moderator);
  const request = moderator.getByRole("listitem").filter({ hasText: title });
  await request.getByRole("button", { name: `Accepter : ${title}` }).click();
  await expect(moderator.getByText(title)).toHaveCount(0);

  // …then hides the reported comment, with a reason the author reads.
  await moderator.goto("/reseaux/moderation");
  await expectAccessible(moderator);
  const reported = moderator.getByRole("listitem").filter({ hasText: comment }).first();
  await expect(reported.getByText("Propos blessant envers le maire.")).toBeVisible();
  await reported.getByRole("button", { name: /^Masquer/ }).click();
  await moderator.getByLabel("Motif du masquage").fill("Les attaques personnelles n'ont pas leur place ici.");
  await moderator.getByRole("button", { name: "Masquer", exact: true }).click();
  const hidden = moderator.locator("section", { has: moderator.getByRole("heading", { name: "Contenus masqués" }) });
  await expect(hidden.getByText(comment)).toBeVisible();
  await expectAccessible(moderator);

  await collective.goto(projectUrl);
  await expect(collective.getByRole("heading", { name: title })).toBeVisible();
  await expect(collective.getByText(comment)).toHaveCount(0);
  await collective.goto("/notifications");
  await expect(collective.getByText(/a masqué votre commentaire/).first()).toBeVisible();
  await expect(collective.getByText("Motif : Les attaques personnelles n'ont pas leur place ici.").first()).toBeVisible();
  await collectiveContext.close();

  // The dashboard before the import.
  await moderator.goto("/reseaux");
  await expectAccessible(moderator);
  await moderator.getByRole("link", { name: NETWORK, exact: true }).click();
  await expect(moderator.getByRole("heading", { name: `Tableau de bord — ${NETWORK}` })).toBeVisible();
  await expectAccessible(moderator);
  // Another browser test, running alongside, may bring a project into this network meanwhile: the
  // counts are read for a sector that only this import uses (no demo project is in « Numérique »).
  const sector = "Numérique";
  const dashboardOfSector = `${new URL(moderator.url()).pathname}?secteur=numerique`;
  await moderator.goto(dashboardOfSector);
  await expect(moderator.getByText(/· aucun projet$/)).toBeVisible();
  const toConfirm = moderator.getByRole("listitem").filter({ hasText: "À confirmer" });
  const unconfirmedBefore = Number(await toConfirm.locator("span").last().textContent());

  // An import with one bad row: the preview names the row, the column and what is wrong.
  await moderator.getByRole("link", { name: "Importer un tableur" }).first().click();
  await expect(moderator.getByRole("heading", { name: /Importer un tableur/ })).toBeVisible();
  const prefix = uniqueLabel("E2E").replace(/\s/g, "-");
  const fileWith = (secondCommune: string) =>
    [
      "identifiant;titre;collectif;forme_juridique;commune;secteur;stade",
      `${prefix}-1;Jardin partagé de Luc;Les Jardiniers du Luc;Association;26167;${sector};Observation`,
      `${prefix}-2;Atelier bois de Châtillon;Copeaux & Cie;SCOP;${secondCommune};${sector};`,
    ].join("\r\n");
  await moderator
    .getByLabel("Votre fichier (CSV ou XLSX, 10 Mo au plus)")
    .setInputFiles({ name: "portefeuille.csv", mimeType: "text/csv", buffer: Buffer.from(fileWith("26O86")) });
  await moderator.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(moderator.getByText("1 erreur à corriger")).toBeVisible();
  const errorRow = moderator.getByRole("row").filter({ hasText: "« 26O86 » n'est pas un code INSEE de commune" });
  await expect(errorRow.getByRole("cell").first()).toHaveText("3");
  await expect(errorRow.getByRole("cell").nth(1)).toHaveText("commune");
  // The valid line could go in alone; the refused one comes back with its error, to correct.
  await expect(moderator.getByRole("button", { name: "Importer la ligne valide et laisser les autres de côté" })).toBeVisible();
  const download = moderator.waitForEvent("download");
  await moderator.getByRole("button", { name: "Télécharger la ligne refusée avec ses erreurs (CSV)" }).click();
  const refused = await download;
  expect(refused.suggestedFilename()).toMatch(/^lignes-refusees-\d{4}-\d{2}-\d{2}\.csv$/);
  const refusedText = readFileSync((await refused.path()) ?? "", "utf8");
  expect(refusedText).toContain(`${prefix}-2;Atelier bois de Châtillon`);
  expect(refusedText).toContain("« 26O86 » n'est pas un code INSEE de commune");
  await expectAccessible(moderator);

  // Fixed, checked again, imported with its progress bar.
  await moderator
    .getByLabel("Votre fichier (CSV ou XLSX, 10 Mo au plus)")
    .setInputFiles({ name: "portefeuille.csv", mimeType: "text/csv", buffer: Buffer.from(fileWith("26086")) });
  await moderator.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(moderator.getByText("2 lignes : 2 projets à créer, aucun à mettre à jour, aucun inchangé.")).toBeVisible();
  await moderator.getByRole("button", { name: "Importer 2 lignes" }).click();
  await expect(moderator.getByText(/Import terminé : 2 projets créés, aucun mis à jour, 1 stade déclaré/)).toBeVisible();

  // The dashboard moved: the two projects, one more relationship waiting for confirmation.
  await moderator.getByRole("link", { name: "Voir le tableau de bord" }).click();
  await expect(moderator.getByRole("heading", { name: `Tableau de bord — ${NETWORK}` })).toBeVisible();
  await moderator.goto(dashboardOfSector);
  expect(await numberIn(moderator, /· (\d+) projets?/)).toBe(2);
  expect(Number(await moderator.getByRole("listitem").filter({ hasText: "À confirmer" }).locator("span").last().textContent())).toBe(unconfirmedBefore + 1);

  // The portfolio table finds the imported project by its identifier.
  await moderator.getByRole("link", { name: "Portefeuille" }).first().click();
  await moderator.getByLabel("Rechercher (titre, collectif, identifiant)").fill(`${prefix}-2`);
  await moderator.getByRole("button", { name: "Appliquer" }).click();
  await expect(moderator.getByRole("link", { name: "Atelier bois de Châtillon" })).toBeVisible();
  await expect(moderator.getByText("1 projet", { exact: true })).toBeVisible();
  // It came from the dashboard filtered by sector: the filter is said, and kept through the search.
  await expect(moderator.getByText("Filtres du tableau de bord : Numérique.")).toBeVisible();
  expect(new URL(moderator.url()).searchParams.get("secteur")).toBe("numerique");
  await expectAccessible(moderator);
  await moderatorContext.close();
});

test("a moderator reaches the directory of public projects from the network's dashboard and filters it by département", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("moderator") });
  const page = await context.newPage();
  await page.goto("/reseaux");
  await page.getByRole("link", { name: NETWORK, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Tableau de bord — ${NETWORK}` })).toBeVisible();
  await page.getByRole("link", { name: "Parcourir les projets publics" }).first().click();
  await expect(page.getByRole("heading", { name: "Projets publics" })).toBeVisible();
  await page.getByLabel("Département").selectOption("26");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/departement=26/);
  await expect(page.getByLabel("Département")).toHaveValue("26");
  // However many files other tests have made public meanwhile, the count is said.
  await expect(page.getByText(/^(Aucun projet|\d+ projets?)$/)).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test("a period typed backwards is said on its field, not answered with a missing page", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("moderator") });
  const page = await context.newPage();
  const response = await page.goto("/reseaux/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a03?du=2026-06-01&au=2026-01-01");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("La date de fin est avant la date de début")).toBeVisible();
  await expect(page.locator("#filter-to")).toHaveValue("2026-01-01");
  await expectAccessible(page);
  await context.close();
});
