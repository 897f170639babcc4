import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { safeReturnPath } from "@/server/auth/return-path";
import { returnPathCorpus } from "../support/return-path-corpus";
import { expectAccessible, ROLES, storageStateOf, uniqueLabel } from "./support";

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/connexion");
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("form-action 'self'");
  expect(headers["strict-transport-security"]).toContain("max-age=");
});

test("a tRPC mutation posted as a form, or from a foreign origin, is refused and changes nothing", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const url = "/api/trpc/account.updateProfile";
  const asForm = await context.request.post(url, { form: { name: "Pirate" }, headers: { Origin: baseURL ?? "" } });
  expect(asForm.status()).toBe(415);
  const foreign = await context.request.post(url, {
    data: { json: { name: "Pirate" } },
    headers: { Origin: "https://evil.example", "content-type": "application/json" },
  });
  expect(foreign.status()).toBe(403);
  const account = await context.request.get("/api/trpc/account.get");
  expect(await account.text()).not.toContain("Pirate");
  await context.close();
});

test("every page sends a Content-Security-Policy whose scripts need this response's nonce", async ({ request }) => {
  const first = (await request.get("/connexion")).headers()["content-security-policy"] ?? "";
  const second = (await request.get("/connexion")).headers()["content-security-policy"] ?? "";
  const scripts = first.split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scripts).not.toContain("unsafe-inline");
  expect(first).toContain("frame-ancestors 'none'");
  expect(first).not.toBe(second);
});

test("markup and javascript: links typed into a project never run; they show as text", async ({ browser }) => {
  const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
  const title = uniqueLabel(`Épicerie ${hostile}`);
  const context = await browser.newContext({ storageState: storageStateOf("collectiveAdmin") });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto("/projets/nouveau");
  await page.getByLabel("Nom du projet").fill(title);
  await page.getByLabel("Structure porteuse").selectOption({ label: "SCIC La Fabrique du Diois" });
  await page.getByLabel(/Rechercher/).fill("die");
  await page.getByRole("button", { name: /^Die Commune · 26/ }).click();
  await page.getByRole("button", { name: "Créer le projet" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();

  await page.getByLabel("Votre message").fill(`javascript:alert(document.cookie) ${hostile}`);
  await page.getByRole("button", { name: "Publier" }).click();
  await expect(page.getByText(`javascript:alert(document.cookie) ${hostile}`)).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(dialogs).toEqual([]);

  // A javascript: address in the file's links is refused with a message in French.
  const projectId = new URL(page.url()).pathname.split("/")[2] ?? "";
  const refused = await context.request.post("/api/trpc/project.update", {
    data: { json: { projectId, version: 1, changes: { links: [{ label: "Site", url: "javascript:alert(1)" }] } } },
    headers: { Origin: new URL(page.url()).origin, "content-type": "application/json" },
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("Adresse web invalide");
  await context.close();
});

test("after signing out, a replayed session cookie opens nothing; the cookie is HttpOnly and SameSite=Lax", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const signIn = await context.request.post("/api/demo/connexion", {
    form: { email: ROLES.collectiveMember },
    headers: { Origin: baseURL ?? "" },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(303);
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
  if (!session) throw new Error("no session cookie");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect((await context.request.get("/api/trpc/account.get")).status()).toBe(200);

  const page = await context.newPage();
  await page.goto("/");
  // A demo session is opened for a week; a page opened while signed in keeps the cookie thirty days.
  const kept = (await context.cookies()).find((cookie) => cookie.name === session.name);
  expect(kept?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();
  expect((await context.cookies()).find((cookie) => cookie.name === session.name)).toBeUndefined();

  const replay = await browser.newContext();
  await replay.addCookies([session]);
  expect((await replay.request.get("/api/trpc/account.get")).status()).toBe(401);
  await replay.close();
  await context.close();
});

test("a person downloads their data from “Mon compte”; the privacy page and the audit log read well", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("collectiveMember") });
  const page = await context.newPage();
  await page.goto("/compte");
  await expect(page.getByRole("heading", { name: "Mes données" })).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger mes données" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^maillage-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await file.path()) ?? "", "utf8")) as { account: { email: string } };
  expect(data.account.email).toBe(ROLES.collectiveMember);
  await page.getByRole("link", { name: "Ce que nous gardons et pourquoi" }).click();
  await expect(page.getByRole("heading", { name: "Vos données personnelles" })).toBeVisible();
  await expectAccessible(page);
  await context.close();

  const admin = await browser.newContext({ storageState: storageStateOf("platformAdmin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin");
  await adminPage.getByRole("link", { name: "Journal d'audit" }).click();
  await expect(adminPage.getByRole("heading", { name: "Journal d'audit" })).toBeVisible();
  await adminPage.getByLabel("Fait par (nom ou adresse)").fill("thomas.blanc");
  await adminPage.getByRole("button", { name: "Rechercher" }).click();
  await expect(adminPage).toHaveURL(/person=thomas\.blanc/);
  await expectAccessible(adminPage);
  await admin.close();
});

test("after sign-in, a return path that a browser would resolve elsewhere stays on Maillage", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: storageStateOf("mayor") });
  const page = await context.newPage();
  for (const hostile of ["/\\evil.example", "//evil.example", "/.//evil.example", "/\t/evil.example", "https://evil.example/"]) {
    await page.goto(`/connexion?callbackUrl=${encodeURIComponent(hostile)}`);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
  }
  // The server's answers to a generated corpus, each resolved by Chromium's own URL parser.
  const targets = fc.sample(returnPathCorpus, 300);
  const paths = targets.map((target) => safeReturnPath(target, [baseURL ?? ""]));
  const origins = await page.evaluate((locations) => locations.map((location) => new URL(location, window.location.href).origin), paths);
  expect(new Set(origins)).toEqual(new Set([await page.evaluate(() => window.location.origin)]));
  await context.close();
});

test("hostile headers and path parameters get a refusal or a 404, never a server error", async ({ request, baseURL }) => {
  const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  const posts: [string, Record<string, string>, string?][] = [
    ["/api/trpc/account.updateProfile", { origin: "null", "content-type": "application/json" }, JSON.stringify({ json: { name: "x" } })],
    ["/api/trpc/account.updateProfile", { origin: "https://evil.example", "x-forwarded-host": "evil.example", "content-type": "application/json" }, "{}"],
    ["/api/trpc/account.updateProfile", { origin: "::::", "content-type": "application/json" }, "{}"],
    ["/api/invitation/abc", { origin: "null" }],
    ["/api/invitation/%00", { origin: baseURL ?? "" }],
    ["/api/demo/connexion", { origin: "null" }],
    [`/api/reseaux/${id}/import`, { origin: "null" }],
    ["/api/reseaux/%00/import", { origin: baseURL ?? "" }],
    ["/api/desabonnement?jeton=%00", { origin: "null" }],
    ["/api/auth/callback/email?token=%00&email=x", { origin: "null" }],
  ];
  for (const [path, headers, data] of posts) {
    const answer = await request.post(path, { headers, data: data ?? "", maxRedirects: 0 });
    expect({ path, headers, status: answer.status() < 500 }).toEqual({ path, headers, status: true });
  }
  const gets = [
    "/api/calendrier/%00",
    "/api/calendrier/abc%00def",
    "/api/calendrier/%E0%A4%A",
    `/api/calendrier/${"x".repeat(4000)}`,
    "/invitation/%00",
    "/invitation/%E0%A4%A",
    "/projets/%00",
    "/projets/pas-un-identifiant",
    `/projets/${id}/imprimer`,
    "/organisations/%00",
    "/territoire/%00",
    "/reseaux/%00",
    "/reseaux/%00/portefeuille",
    "/api/reseaux/%00/export/csv",
    `/api/reseaux/${id}/export/%00`,
    "/connexion/confirmer?token=%00&email=%00",
    "/desabonnement?jeton=%00",
  ];
  for (const path of gets) {
    const answer = await request.get(path, { headers: { origin: "null", "x-forwarded-host": "evil.example" }, maxRedirects: 0 });
    expect({ path, status: answer.status() < 500 }).toEqual({ path, status: true });
  }
});

test("a sign-in link is consumed only by the confirmation page's own button", async ({ request, baseURL }) => {
  const query = "token=abc&email=maire%40die.fr&callbackUrl=%2Fsuivis";
  // Opened directly, the callback leads to the page that names the address it signs in.
  const opened = await request.get(`/api/auth/callback/email?${query}`, { maxRedirects: 0 });
  expect(opened.status()).toBe(303);
  expect(opened.headers().location).toBe(`/connexion/confirmer?${query}`);
  // Posted from another site (login CSRF), it is refused before Auth.js reads the token.
  const forged = await request.post(`/api/auth/callback/email?${query}`, { headers: { origin: "https://evil.example" }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  const ours = await request.post(`/api/auth/callback/email?${query}`, { headers: { origin: baseURL ?? "" }, maxRedirects: 0 });
  expect(ours.status()).not.toBe(403);
});
