// Statements built once per database handle and then only executed with their parameters:
// drizzle builds a query's SQL text at every call otherwise, a visible share of the server's CPU
// on the project page (docs/performance.md). A transaction's handle lives for one transaction, so its
// statements are built for it alone, as before.
import type { DbOrTx } from "@/db";

export function preparedPerHandle<Statements>(build: (db: DbOrTx) => Statements): (db: DbOrTx) => Statements {
  const byHandle = new WeakMap<DbOrTx, Statements>();
  return (db) => {
    let statements = byHandle.get(db);
    if (!statements) {
      statements = build(db);
      byHandle.set(db, statements);
    }
    return statements;
  };
}
