import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { expectAccessible, storageStateOf, type Role } from "./support";

// Every page, on a phone (390 px) and at 400 % zoom of a 1280 px screen (320 CSS px): nothing
// scrolls sideways, no chart's words are under 12 px as rendered, and on the phone axe finds nothing (a table scrolling in its box must be
// reachable by keyboard). A page added under app/ without an entry here fails the first test.
const PROJECT = "/projets/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0b01";
const COLLECTIVE = "/organisations/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a01";
const NETWORK = "/reseaux/5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a03";

type Visit = { route: string; as: Role | null; paths: string[] };

const VISITS: Visit[] = [
  { route: "", as: null, paths: ["/"] },
  { route: "", as: "mayor", paths: ["/"] },
  { route: "admin", as: "platformAdmin", paths: ["/admin"] },
  { route: "admin/journal", as: "platformAdmin", paths: ["/admin/journal?person=camille"] },
  { route: "collectivites/rejoindre", as: "councillor", paths: ["/collectivites/rejoindre"] },
  { route: "compte", as: "mayor", paths: ["/compte"] },
  { route: "confidentialite", as: null, paths: ["/confidentialite"] },
  { route: "connexion", as: null, paths: ["/connexion"] },
  { route: "connexion/confirmer", as: null, paths: ["/connexion/confirmer?token=x&email=une.adresse.tres.longue%40mairie-de-chatillon-en-diois.example"] },
  { route: "connexion/erreur", as: null, paths: ["/connexion/erreur"] },
  { route: "connexion/verification", as: null, paths: ["/connexion/verification"] },
  { route: "desabonnement", as: null, paths: ["/desabonnement?jeton=inconnu"] },
  { route: "dev/courriels", as: null, paths: ["/dev/courriels"] },
  { route: "envois", as: "collectiveAdmin", paths: ["/envois"] },
  { route: "invitation/[token]", as: null, paths: ["/invitation/inconnu"] },
  { route: "notifications", as: "mayor", paths: ["/notifications"] },
  { route: "observatoire", as: null, paths: ["/observatoire", "/observatoire?decoupage=regions&carte=emplois"] },
  {
    route: "observatoire/[niveau]/[code]",
    as: null,
    paths: ["/observatoire/region/84?carte=collaboration", "/observatoire/departement/26", "/observatoire/epci/242600534", "/observatoire/commune/26113"],
  },
  { route: "observatoire/donnees", as: null, paths: ["/observatoire/donnees"] },
  { route: "organisations/[id]", as: "collectiveAdmin", paths: [COLLECTIVE] },
  { route: "organisations/nouvelle", as: "collectiveAdmin", paths: ["/organisations/nouvelle"] },
  {
    route: "projets/[id]",
    as: "collectiveAdmin",
    paths: [PROJECT, `${PROJECT}?onglet=dossier`, `${PROJECT}?onglet=barometre`, `${PROJECT}?onglet=historique`],
  },
  { route: "projets/[id]/imprimer", as: "mayor", paths: [`${PROJECT}/imprimer`] },
  { route: "projets/nouveau", as: "collectiveAdmin", paths: ["/projets/nouveau"] },
  { route: "projets/publics", as: "moderator", paths: ["/projets/publics"] },
  { route: "reseaux", as: "moderator", paths: ["/reseaux"] },
  { route: "reseaux/[id]", as: "moderator", paths: [NETWORK] },
  { route: "reseaux/[id]/import", as: "moderator", paths: [`${NETWORK}/import`] },
  { route: "reseaux/[id]/portefeuille", as: "moderator", paths: [`${NETWORK}/portefeuille`] },
  { route: "reseaux/[id]/synthese", as: "moderator", paths: [`${NETWORK}/synthese`] },
  { route: "reseaux/demandes", as: "moderator", paths: ["/reseaux/demandes"] },
  { route: "reseaux/moderation", as: "moderator", paths: ["/reseaux/moderation"] },
  { route: "suivis", as: "mayor", paths: ["/suivis"] },
  { route: "territoire/[id]", as: "mayor", paths: [] }, // found from the mayor's home page below
  { route: "territoire/[id]/conseil", as: "mayor", paths: [] }, // the same territory's council pack
];

function pageRoutes(folder = path.join(process.cwd(), "app"), prefix = ""): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name === "page.tsx") return [prefix];
    if (!entry.isDirectory() || entry.name.startsWith("api")) return [];
    // A route group, « (accueil) », is no part of the address.
    if (/^\(.+\)$/.test(entry.name)) return pageRoutes(path.join(folder, entry.name), prefix);
    return pageRoutes(path.join(folder, entry.name), prefix ? `${prefix}/${entry.name}` : entry.name);
  });
}

test("every page of the app is in the width check", () => {
  expect([...new Set(VISITS.map((visit) => visit.route))].sort()).toEqual(pageRoutes().sort());
});

async function overflowing(browser: Browser, visit: Visit, width: number) {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    ...(visit.as ? { storageState: storageStateOf(visit.as) } : {}),
  });
  const page = await context.newPage();
  const paths = [...visit.paths];
  if (visit.route.startsWith("territoire/[id]")) {
    await page.goto("/");
    const href = await page.getByRole("link", { name: "Projets du territoire : Commune de Die" }).first().getAttribute("href");
    paths.push(`${href ?? "/territoire/introuvable"}${visit.route.endsWith("/conseil") ? "/conseil" : ""}`);
  }
  const wide: string[] = [];
  for (const address of paths) {
    await page.goto(address);
    await page.waitForLoadState("networkidle");
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    if (scrollWidth > innerWidth) wide.push(`${address} at ${width} px: ${scrollWidth} px wide`);
    // A chart's words as rendered: an SVG scaled down to the phone shrinks its text with it.
    const tiny = await page.evaluate(() =>
      [...document.querySelectorAll("figure *, svg text")].flatMap((element) => {
        const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? "").trim() !== "");
        if (!ownText || element.closest(".sr-only") || element.getClientRects().length === 0) return [];
        const size = parseFloat(getComputedStyle(element).fontSize);
        const scale = element instanceof SVGGraphicsElement ? (element.getScreenCTM()?.a ?? 1) : 1;
        return size * scale < 11.95 ? [`« ${(element.textContent ?? "").trim().slice(0, 30)} » at ${(size * scale).toFixed(1)} px`] : [];
      }),
    );
    wide.push(...tiny.map((text) => `${address} at ${width} px: ${text}`));
    if (width === 390) await expectAccessible(page);
  }
  await context.close();
  return wide;
}

for (const width of [390, 320]) {
  test(`no page scrolls sideways at ${width} px`, async ({ browser }) => {
    test.setTimeout(180_000);
    const wide: string[] = [];
    for (const visit of VISITS) wide.push(...(await overflowing(browser, visit, width)));
    expect(wide).toEqual([]);
  });
}
