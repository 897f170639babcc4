import { expect, test } from "@playwright/test";
import { createProjectInDie, expectAccessible, storageStateOf, uniqueLabel } from "./support";

test("a project is held by several structures: one invites another, whose admin accepts from the home page", async ({ browser }) => {
  // The demo's PTCE: three holding structures, one of them a commune, the SCIC to contact.
  const collective = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await collective.newPage();
  await page.goto("/");
  const mine = page.getByRole("link", { name: "Pôle de coopération du Diois" });
  await mine.click();
  await expect(
    page.getByText(
      /Porté par SCIC La Fabrique du Diois, Association Les Jardins partagés de Châtillon et Commune de Luc-en-Diois|Porté par SCIC La Fabrique du Diois, Commune de Luc-en-Diois et Association Les Jardins partagés de Châtillon/,
    ),
  ).toBeVisible();
  await page.getByRole("link", { name: "Dossier" }).click();
  await expect(page.getByRole("heading", { name: "Structures porteuses" })).toBeVisible();
  await expect(page.getByText("collectivité actionnaire").first()).toBeVisible();
  await expect(page.getByText("structure de contact").first()).toBeVisible();
  await expectAccessible(page);

  // On a new project of the SCIC, Camille Roux invites the Atelier vélo du Diois, found by its name.
  const title = uniqueLabel("Garage solidaire");
  await createProjectInDie(page, title);
  await page.getByRole("link", { name: "Dossier" }).click();
  await page.getByText("Inviter une structure à co-porter").click();
  await page.getByLabel(/Nom du collectif/).fill("vélo");
  await page.getByRole("button", { name: "Atelier vélo du Diois" }).click();
  await page.getByRole("button", { name: "Inviter à co-porter" }).click();
  await expect(page.getByText("invitée, en attente de sa réponse")).toBeVisible();
  const projectUrl = page.url();
  await collective.close();

  // Thomas Blanc, the Atelier's admin, finds the invitation first on his home page and accepts it there.
  const member = await browser.newContext({ storageState: storageStateOf("collectiveMember"), viewport: { width: 390, height: 844 } });
  const phone = await member.newPage();
  await phone.goto("/");
  const invitation = phone
    .getByRole("list", { name: /^À traiter/ })
    .getByRole("listitem")
    .filter({ hasText: title });
  await expect(invitation).toContainText("Camille Roux invite Atelier vélo du Diois à co-porter ce projet.");
  await expectAccessible(phone);
  await invitation.getByRole("button", { name: `Accepter : ${title}` }).click();
  await expect(phone.getByRole("list", { name: /^À traiter/ }).getByText(title)).toHaveCount(0);
  // Now a holder, he keeps the file.
  await phone.goto(projectUrl);
  await expect(phone.getByText(/Porté par SCIC La Fabrique du Diois et Atelier vélo du Diois/)).toBeVisible();
  await expect(phone.getByRole("heading", { name: "Modifier le dossier" })).toBeVisible();
  await member.close();
});
