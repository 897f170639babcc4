import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "@/db";

describe("the embedded database's folder lock", () => {
  const folder = () => path.join(mkdtempSync(path.join(tmpdir(), "maillage-lock-")), "pglite");

  it("refuses a folder another live process holds, naming it", () => {
    const dataDir = folder();
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    expect(() => lockDataDir(dataDir)).toThrow(new RegExp(`already open in process ${process.ppid}`));
  });

  it("takes over a lock left by a process that is gone, and releases it", () => {
    const dataDir = folder();
    writeFileSync(`${dataDir}.lock`, "999999999");
    const release = lockDataDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("lets the same process open it again (one instance per process is kept on globalThis)", () => {
    const dataDir = folder();
    const release = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).not.toThrow();
    release();
  });
});
