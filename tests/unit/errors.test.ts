import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { DOMAIN_ERROR_CODES, DomainError, httpStatusOf, type ErrorKey } from "@/server/errors";
import { LOCALES } from "@/server/i18n/config";

describe("httpStatusOf", () => {
  it("gives a route handler the status a tRPC procedure answers for the same error", () => {
    for (const code of DOMAIN_ERROR_CODES) {
      expect(httpStatusOf(code), code).toBe(getHTTPStatusCodeFromError(new TRPCError({ code })));
    }
  });
});

describe("the messages of DomainError", () => {
  const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();
  const keys = Object.keys(fr.domainErrors) as ErrorKey[];

  it("say every key in French and in English, naming the same values", () => {
    expect(Object.keys(en.domainErrors).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(placeholders(en.domainErrors[key]), key).toEqual(placeholders(fr.domainErrors[key]));
  });

  it("render in each language with their values, leaving no brace or key behind", () => {
    const values = {
      name: "Commune de Die",
      who: "Sophie Garnier",
      names: "Collectif A",
      count: 3,
      reason: "Fichier vide.",
      reference: "ab12cd34",
      retryAt: new Date("2026-12-03T13:05:00Z"),
      email: "lea@collectif.test",
    };
    for (const key of keys) {
      const error = new DomainError("BAD_REQUEST", key, { values });
      for (const locale of LOCALES) {
        const text = error.messageIn(locale);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
        expect(text, `${locale} ${key}`).not.toBe(key);
      }
      expect(error.message).toBe(error.messageIn("fr"));
    }
    expect(new DomainError("TOO_MANY_REQUESTS", "tooManyReports", { values }).messageIn("fr")).toContain("à partir de 14:05");
    expect(new DomainError("BAD_REQUEST", "importHasErrors", { values: { count: 1 } }).messageIn("en")).toContain("1 error:");
  });

  it("are each thrown somewhere in server/: no message outlives its error", () => {
    const sources = readdirSync("server", { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
      .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
      .join("\n");
    expect(keys.filter((key) => !sources.includes(`"${key}"`))).toEqual([]);
  });
});
