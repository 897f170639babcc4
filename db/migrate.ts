// The one migrate(): used by the app's setup, the seed and the tests, on either driver.
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { DbConnection } from "./index";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Applies the migrations of `folder` not applied yet (a test may name a copy that stops earlier). */
export async function migrate(connection: DbConnection, folder = MIGRATIONS_FOLDER): Promise<void> {
  const config = { migrationsFolder: folder };
  if (connection.driver === "pglite") {
    await migratePglite(connection.db as unknown as PgliteDatabase, config);
  } else {
    await migratePostgres(connection.db as unknown as PostgresJsDatabase, config);
  }
}
