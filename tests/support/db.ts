// `useTestDatabase()` in a test file: one fresh database for the file, disposed of after it.
import { afterAll, beforeAll, inject } from "vitest";
import type { Database } from "@/db";
import { openTestDatabase, type TestDatabase } from "./test-database";

export function useTestDatabase() {
  let database: TestDatabase | null = null;
  beforeAll(async () => {
    database = await openTestDatabase({
      dumpFile: inject("pgliteDump") ?? undefined,
      templateDatabase: inject("templateDatabase") ?? undefined,
    });
  });
  afterAll(async () => {
    await database?.dispose();
  });
  return {
    get db(): Database {
      if (!database) throw new Error("the test database is opened in beforeAll");
      return database.db;
    },
    get driver() {
      if (!database) throw new Error("the test database is opened in beforeAll");
      return database.driver;
    },
  };
}
