import { describe, expect, it } from "vitest";
import { sirenOfSiret } from "@/server/domain/territories";

describe("the SIREN of a SIRET", () => {
  it("is its first nine digits, spaces as people write them ignored", () => {
    expect(sirenOfSiret("21260113200011")).toBe("212601132");
    expect(sirenOfSiret("212 601 132 00011")).toBe("212601132");
  });

  it("is nothing for what is not fourteen digits", () => {
    for (const value of ["", "212601132", "2126011320001", "212601132000111", "2126O113200011"]) expect(sirenOfSiret(value), value).toBeNull();
  });
});
