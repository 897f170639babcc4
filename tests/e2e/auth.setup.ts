// Signs each demo role in once, through the demo sign-in endpoint, and saves its session.
import { expect, test as setup } from "@playwright/test";
import { ROLES, storageStateOf, type Role } from "./support";

for (const role of Object.keys(ROLES) as Role[]) {
  setup(`sign in as ${role}`, async ({ request, baseURL }) => {
    const response = await request.post("/api/demo/connexion", {
      form: { email: ROLES[role] },
      headers: { Origin: baseURL ?? "" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    await request.storageState({ path: storageStateOf(role) });
  });
}
