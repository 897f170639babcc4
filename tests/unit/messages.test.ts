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

  it("leave no French in the English: no message the same in both with a French accent in it", () => {
    const valueAt = (messages: object, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
    const untranslated = keysOf(fr).filter((key) => {
      const french = valueAt(fr, key);
      return typeof french === "string" && french === valueAt(en, key) && /[àâçéèêëîïôùûœ]/i.test(french);
    });
    expect(untranslated).toEqual([]);
  });

  it("describe every import column in both languages", async () => {
    const { IMPORT_COLUMNS } = await import("@/server/domain/spreadsheet");
    for (const messages of [fr, en]) {
      expect(Object.keys(messages.portfolioImport.columnHelp).sort()).toEqual(IMPORT_COLUMNS.map((column) => column.key).sort());
    }
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
  // Follows each page's imports (not type-only ones, not into server/ or db/) and gathers the
  // namespaces that the client components it reaches pass to useTranslations.
  async function clientNamespacesOf(entry: string): Promise<Set<string>> {
    const { existsSync, readFileSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const root = process.cwd();
    const resolveImport = (from: string, specifier: string): string | null => {
      const base = specifier.startsWith("@/")
        ? path.join(root, specifier.slice(2))
        : specifier.startsWith(".")
          ? path.resolve(path.dirname(from), specifier)
          : null;
      if (!base) return null;
      const candidate = [`${base}.tsx`, `${base}.ts`, base, path.join(base, "index.ts")].find((file) => existsSync(file) && statSync(file).isFile());
      return candidate && !candidate.startsWith(path.join(root, "server")) && !candidate.startsWith(path.join(root, "db")) ? candidate : null;
    };
    const namespaces = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string, underClient: boolean) => {
      if (seen.has(`${file}:${underClient}`)) return;
      seen.add(`${file}:${underClient}`);
      const source = readFileSync(file, "utf8");
      const client = underClient || source.startsWith('"use client"');
      if (client) for (const match of source.matchAll(/useTranslations\("(\w+)/g)) namespaces.add(match[1] as string);
      for (const match of source.matchAll(/^(?:import|export) (?!type )[^;]*? from "([^"]+)";|import\("([^"]+)"\)/gm)) {
        const target = resolveImport(file, (match[1] ?? match[2]) as string);
        if (target) visit(target, client);
      }
    };
    visit(path.join(root, entry), false);
    return namespaces;
  }

  it("reach the browser: every namespace a page's client components read is sent with that page", async () => {
    const { readdirSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const { ROOT_CLIENT_NAMESPACES, SEGMENT_CLIENT_NAMESPACES } = await import("@/server/i18n/client-namespaces");
    const routeFiles = (directory: string): string[] =>
      readdirSync(directory).flatMap((entry) => {
        const full = path.join(directory, entry);
        return statSync(full).isDirectory() ? routeFiles(full) : /^(page|layout|error|not-found)\.tsx$/.test(entry) ? [full] : [];
      });
    const files = routeFiles("app");
    expect(files.length).toBeGreaterThan(25);
    const missing: string[] = [];
    for (const file of files) {
      const segment = file.split(path.sep)[1] as string;
      const sent = new Set<string>([...ROOT_CLIENT_NAMESPACES, ...((SEGMENT_CLIENT_NAMESPACES as Record<string, readonly string[]>)[segment] ?? [])]);
      for (const namespace of await clientNamespacesOf(file)) if (!sent.has(namespace)) missing.push(`${file}: ${namespace}`);
    }
    expect(missing).toEqual([]);
  });

  it("are sent by each segment's layout, and the project page's forms are among those followed", async () => {
    const { readFileSync } = await import("node:fs");
    const { SEGMENT_CLIENT_NAMESPACES } = await import("@/server/i18n/client-namespaces");
    for (const segment of Object.keys(SEGMENT_CLIENT_NAMESPACES)) {
      expect(readFileSync(`app/${segment}/layout.tsx`, "utf8")).toContain(`<ClientMessages segment="${segment}">`);
    }
    // The walk reaches client components behind lazy imports and re-exports.
    const projectPage = await clientNamespacesOf("app/projets/[id]/page.tsx");
    for (const namespace of ["projectPage", "barometer", "territoryPicker", "moderation", "follow"]) expect(projectPage).toContain(namespace);
  });
});
