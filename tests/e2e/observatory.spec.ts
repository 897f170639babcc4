import Papa from "papaparse";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test("a signed-out newcomer opens the observatory, clicks the Drôme on the map, and downloads its figures", async ({ page }) => {
  await page.goto("/observatoire");
  await expect(page.getByRole("heading", { name: "L'Observatoire", level: 1 })).toBeVisible();
  // One area per département of the map, each a link with a name that says its figure.
  const map = page.getByRole("group", { name: /Les départements de France métropolitaine/ });
  const areas = map.getByRole("link");
  await expect(areas).toHaveCount(96);
  for (const area of await areas.all()) {
    await expect(area).toHaveAttribute("href", /^\/observatoire\/departement\/(\d{2}|2[AB])$/);
    await expect(area).toHaveAccessibleName(/^.+ : (aucun projet|moins de 5|\d+)$/);
  }
  await expectAccessible(page);

  await map.getByRole("link", { name: /^Drôme :/ }).click();
  await expect(page).toHaveURL(/\/observatoire\/departement\/26$/);
  await expect(page.getByRole("heading", { name: "L'Observatoire — Drôme", level: 1 })).toBeVisible();
  await expect(page.getByText("Projets collectifs", { exact: true })).toBeVisible();
  const publicProjects = page.getByRole("heading", { name: "Les projets publics qui agissent ici" }).locator("..");
  await expect(publicProjects.getByRole("link", { name: "Pôle de coopération du Diois" })).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Départements (CSV)" }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = Papa.parse<string[]>(text.slice(1).trim(), { delimiter: ";" }).data;
  const schema = (await (await page.request.get("/observatoire/donnees/schema.json")).json()) as { fields: { name: string }[] };
  expect(header).toEqual(schema.fields.map((field) => field.name));
  const json = (await (await page.request.get("/observatoire/donnees/departements.json")).json()) as { donnees: Record<string, unknown>[] };
  const drome = rows.find((row) => row[1] === "26");
  const dromeJson = json.donnees.find((row) => row.code === "26");
  expect(drome?.map(String)).toEqual(header?.map((name) => String(dromeJson?.[name])));
});

test("each level of the observatory reads well and leads down to the commune", async ({ page }) => {
  await page.goto("/observatoire/region/84");
  await expect(page.getByRole("heading", { name: "L'Observatoire — Auvergne-Rhône-Alpes" })).toBeVisible();
  await page.getByRole("link", { name: "Drôme", exact: true }).first().click();
  await page.getByRole("link", { name: "CC du Diois" }).click();
  await expect(page.getByRole("heading", { name: "Les communes de CC du Diois" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Die", exact: true }).click();
  await expect(page.getByRole("heading", { name: "L'Observatoire — Die" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Où vous êtes" }).getByRole("link", { name: "CC du Diois" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/observatoire/donnees");
  await expect(page.getByRole("rowheader", { name: "relations_collaboration" })).toBeVisible();
  await expectAccessible(page);
});
