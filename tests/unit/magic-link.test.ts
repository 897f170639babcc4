import { describe, expect, it } from "vitest";
import { authCallbackPath, confirmationPageUrl } from "@/server/auth/magic-link";

describe("the magic link", () => {
  const callback = "http://localhost:3000/api/auth/callback/email?callbackUrl=https%3A%2F%2Fmaillage.example%2Fprojets&token=abc123&email=maire%40die.fr";

  it("emails a link to our confirmation page at AUTH_URL, not to the callback a scanner would consume", () => {
    // Auth.js named the host the server calls itself; the email names the address people use.
    const link = new URL(confirmationPageUrl(callback, "https://maillage.example/"));
    expect(link.origin).toBe("https://maillage.example");
    expect(link.pathname).toBe("/connexion/confirmer");
    expect(link.searchParams.get("token")).toBe("abc123");
    expect(link.searchParams.get("email")).toBe("maire@die.fr");
  });

  it("leads the button to Auth.js's email callback of this site only", () => {
    const path = authCallbackPath({ token: "abc123", email: "maire@die.fr", callbackUrl: "/projets" });
    expect(path.startsWith("/api/auth/callback/email?")).toBe(true);
    const query = new URLSearchParams(path.split("?")[1]);
    expect(Object.fromEntries(query)).toEqual({ token: "abc123", email: "maire@die.fr", callbackUrl: "/projets" });
  });
});
