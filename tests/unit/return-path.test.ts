// The return path after sign-in, against a generated corpus of what browsers resolve off-site.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/server/auth/return-path";
import { returnPathCorpus } from "../support/return-path-corpus";

const OURS = ["http://127.0.0.1:3100", "https://maillage.example"];

/** What a browser does with a redirect's Location: resolve it against the page it answers. */
const landsOn = (location: string, base = "http://127.0.0.1:3100/connexion") => new URL(location, base).origin;

describe("the return path after sign-in", () => {
  it("keeps this site's own paths, and absolute addresses on our origins made relative", () => {
    expect(safeReturnPath("/projets/1?onglet=dossier#jalons", OURS)).toBe("/projets/1?onglet=dossier#jalons");
    expect(safeReturnPath("https://maillage.example/compte?x=1", OURS)).toBe("/compte?x=1");
    expect(safeReturnPath("http://127.0.0.1:3100/suivis", OURS)).toBe("/suivis");
  });

  it("sends home what browsers would resolve to another site", () => {
    for (const hostile of [
      "https://evil.example/phish",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      " //evil.example",
      "javascript:alert(1)",
      "https:evil.example",
      "http://maillage.example@evil.example/",
    ]) {
      expect({ hostile, path: safeReturnPath(hostile, OURS) }).toEqual({ hostile, path: "/" });
    }
    expect(safeReturnPath(undefined, OURS)).toBe("/");
    expect(safeReturnPath(["/projets"], OURS)).toBe("/");
  });

  it("never gives back a path that starts with two slashes: the parser's own '/.//x' stays on the site", () => {
    expect(safeReturnPath("/.//evil.example/x", OURS)).toBe("/evil.example/x");
    expect(landsOn(safeReturnPath("/.//evil.example/x", OURS))).toBe("http://127.0.0.1:3100");
  });

  it("on a generated corpus, every answer is a path that lands on this site", () => {
    fc.assert(
      fc.property(returnPathCorpus, (target) => {
        const path = safeReturnPath(target, OURS);
        expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
        expect(/[\\\u0000-\u001f\u007f]/.test(path)).toBe(false);
        expect(landsOn(path)).toBe("http://127.0.0.1:3100");
        expect(landsOn(path, "https://maillage.example/connexion?callbackUrl=x")).toBe("https://maillage.example");
      }),
      { numRuns: 5000 },
    );
  });
});
