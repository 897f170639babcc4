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
