// Runs once per vitest run: migrates the template every test file's database is cloned from.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { prepareTemplate, testServerUrl, uniqueDatabaseName } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string | null;
    templateDatabase: string | null;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = testServerUrl();
  if (serverUrl) {
    const templateDatabase = uniqueDatabaseName("maillage_template");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${templateDatabase}"`);
    await prepareTemplate({ serverUrl, database: templateDatabase });
    project.provide("templateDatabase", templateDatabase);
    project.provide("pgliteDump", null);
    return async () => {
      await admin.unsafe(`drop database if exists "${templateDatabase}" with (force)`);
      await admin.end();
    };
  }
  const folder = await mkdtemp(path.join(tmpdir(), "maillage-test-"));
  const dumpFile = path.join(folder, "template.tar");
  await prepareTemplate({ dumpFile });
  project.provide("pgliteDump", dumpFile);
  project.provide("templateDatabase", null);
  return async () => {
    await rm(folder, { recursive: true, force: true });
  };
}
