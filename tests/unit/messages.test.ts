import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

function keysOf(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("message files", () => {
  it("say every French message in English too, and nothing more", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort());
  });

  it("leave no message empty", () => {
    for (const messages of [fr, en]) {
      const empty = keysOf(messages).filter((key) => {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});

describe("the gradient's texts", () => {
  it("word every indicator question and every lever in both languages", async () => {
    const { INDICATOR_IDS, LEVER_IDS } = await import("@/server/domain/gradient");
    for (const messages of [fr, en]) {
      expect(Object.keys(messages.barometer.questions).sort()).toEqual([...INDICATOR_IDS].sort());
      expect(Object.keys(messages.levers).sort()).toEqual([...LEVER_IDS].sort());
    }
  });
});

describe("client components' messages", () => {
  it("reach the browser: every namespace a client component reads is sent to it", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const { CLIENT_NAMESPACES } = await import("@/server/i18n/client-namespaces");
    const files = (directory: string): string[] =>
      readdirSync(directory).flatMap((entry) => {
        const full = path.join(directory, entry);
        return statSync(full).isDirectory() ? files(full) : full.endsWith(".tsx") ? [full] : [];
      });
    const missing = ["app", "components"].flatMap(files).flatMap((file) => {
      const source = readFileSync(file, "utf8");
      if (!source.startsWith('"use client"')) return [];
      return [...source.matchAll(/useTranslations\("([\w]+)/g)]
        .map((match) => match[1] as string)
        .filter((namespace) => !(CLIENT_NAMESPACES as readonly string[]).includes(namespace))
        .map((namespace) => `${file}: ${namespace}`);
    });
    expect(missing).toEqual([]);
  });
});
