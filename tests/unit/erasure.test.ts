import { describe, expect, it } from "vitest";
import { eraseValues } from "@/server/services/privacy";

describe("erasing a deleted account's personal values from the change log", () => {
  it("blanks every value holding the name or the address as a whole word, and nothing else", () => {
    const changes = [
      { field: "body", before: null, after: "Merci Ali, à jeudi" },
      { field: "title", before: "Alimentation locale", after: "Épicerie d'Ali." },
      { field: "contact", before: "Écrire à ali@exemple.test.", after: "bali@exemple.test" },
      { field: "jobs", before: 2, after: 3 },
    ];
    expect(eraseValues(changes, ["ali@exemple.test", "Ali"])).toEqual([
      { field: "body", before: null, after: "[effacé]" },
      { field: "title", before: "Alimentation locale", after: "[effacé]" },
      { field: "contact", before: "[effacé]", after: "bali@exemple.test" },
      { field: "jobs", before: 2, after: 3 },
    ]);
  });
});
