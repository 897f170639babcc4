import { expect, test } from "@playwright/test";
import { storageStateOf } from "./support";

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/connexion");
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
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
