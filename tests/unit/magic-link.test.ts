import { describe, expect, it } from "vitest";
import { authCallbackPath, confirmationPageUrl, sameSitePath } from "@/server/auth/magic-link";

describe("the magic link", () => {
  const callback =
    "https://maillage.example/api/auth/callback/email?callbackUrl=https%3A%2F%2Fmaillage.example%2Fprojets&token=abc123&email=maire%40die.fr";

  it("emails a link to our confirmation page, not to the callback a scanner would consume", () => {
    const link = new URL(confirmationPageUrl(callback));
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

  it("keeps redirects on the site, relative, and sends anything else home", () => {
    const ours = ["http://localhost:3100", "https://maillage.example"];
    expect(sameSitePath("/projets/1", ours)).toBe("/projets/1");
    expect(sameSitePath("https://maillage.example/compte?x=1", ours)).toBe("/compte?x=1");
    expect(sameSitePath("https://evil.example/phish", ours)).toBe("/");
    expect(sameSitePath("//evil.example/phish", ours)).toBe("/");
    expect(sameSitePath("javascript:alert(1)", ours)).toBe("/");
  });
});
