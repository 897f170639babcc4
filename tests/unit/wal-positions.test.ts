import { describe, expect, it } from "vitest";
import { formatLsn, lsnOrNull, parseLsn } from "@/db/replicas";

describe("WAL positions", () => {
  it("orders positions as PostgreSQL does, across the 32-bit boundary", () => {
    expect(parseLsn("0/16B3748")).toBe(0x16b3748n);
    expect(parseLsn("1/0")).toBeGreaterThan(parseLsn("0/FFFFFFFF"));
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
  });

  it("prints a position back as PostgreSQL prints it", () => {
    for (const text of ["0/0", "0/16B3748", "16/B374D848", "FFFFFFFF/FFFFFFFF"]) expect(formatLsn(parseLsn(text))).toBe(text);
  });

  it("takes nothing but a position from a cookie", () => {
    expect(lsnOrNull("6/76000018")).toBe(parseLsn("6/76000018"));
    for (const text of [undefined, "", "6-76", "6/", "/1", "1/2/3", "G/1", "123456789/0", "0/1; drop"]) expect(lsnOrNull(text)).toBeNull();
  });
});
