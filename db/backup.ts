// Logical backups that work the same on PGlite and PostgreSQL: every table of the app, as JSON,
// with each table's row count and checksum, so that a restore can prove it put back what was saved.
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { selectRows, type Database, type DbOrTx } from "./index";

export const BACKUP_FORMAT = "maillage-backup/1";
const CHUNK = 2_000;

type Header = { format: string; createdAt: string; migration: string | null; tables: Record<string, TableDigest> };
export type TableDigest = { rows: number; checksum: string };

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Tables the database derives from the others by triggers (migration 0015): not saved, rebuilt as
 * the rows they summarise are restored. (Their readings hold from the moment they are taken, so a
 * copy would not compare equal anyway.)
 */
const DERIVED_TABLES = new Set(["stage_move", "relationship_summary"]);

/** The app's tables, parents before children (by their foreign keys). */
export async function tablesInOrder(db: DbOrTx): Promise<string[]> {
  const tables = (await selectRows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`))
    .map((row) => row.name)
    .filter((name) => !DERIVED_TABLES.has(name));
  const edges = await selectRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`,
  );
  const ordered: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((table) => !edges.some((edge) => edge.child === table && remaining.has(edge.parent)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among: ${[...remaining].join(", ")}`);
    for (const table of ready) {
      ordered.push(table);
      remaining.delete(table);
    }
  }
  return ordered;
}

/** Row count and an order-independent checksum of a table's content. */
export async function digestTables(db: DbOrTx, tables?: string[]): Promise<Record<string, TableDigest>> {
  const digests: Record<string, TableDigest> = {};
  for (const table of tables ?? (await tablesInOrder(db))) {
    const [row] = await selectRows<{ rows: number; checksum: string | null }>(
      db,
      sql.raw(`select count(*)::int as rows, md5(coalesce(string_agg(h, '' order by h), '')) as checksum
               from (select md5(row_to_json(t)::text) as h from ${quoted(table)} t) hashed`),
    );
    digests[table] = { rows: row?.rows ?? 0, checksum: row?.checksum ?? "" };
  }
  return digests;
}

async function lastMigration(db: DbOrTx): Promise<string | null> {
  try {
    const [row] = await selectRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    return row?.hash ?? null;
  } catch {
    return null;
  }
}

/**
 * Writes a gzipped JSON-lines file: a header, then one line per chunk of rows of each table.
 * Read in one transaction, so the copy is consistent even while the app writes.
 */
export async function backupTo(db: Database, file: string, onProgress?: (table: string, rows: number) => void) {
  const gzip = createGzip();
  const output = gzip.pipe(createWriteStream(file));
  const write = (line: unknown) =>
    new Promise<void>((resolve) => {
      if (gzip.write(`${JSON.stringify(line)}\n`)) resolve();
      else gzip.once("drain", resolve);
    });
  const header = await db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    const tables = await tablesInOrder(tx);
    const built: Header = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      migration: await lastMigration(tx),
      tables: await digestTables(tx, tables),
    };
    await write(built);
    for (const table of tables) {
      for (let offset = 0; ; offset += CHUNK) {
        const rows = await selectRows<{ row: unknown }>(
          tx,
          sql.raw(`select row_to_json(t) as row from ${quoted(table)} t order by ctid offset ${offset} limit ${CHUNK}`),
        );
        if (rows.length === 0) break;
        await write({ table, rows: rows.map((row) => row.row) });
        onProgress?.(table, offset + rows.length);
        if (rows.length < CHUNK) break;
      }
    }
    return built;
  });
  gzip.end();
  await finished(output);
  return header;
}

/**
 * Puts a backup back into a migrated database whose app tables are empty (or emptied first with
 * `replace`), in one transaction, then checks every table's count and checksum against the file.
 */
export async function restoreFrom(db: Database, file: string, options: { replace?: boolean; onProgress?: (table: string, rows: number) => void } = {}) {
  let header: Header | null = null;
  await db.transaction(async (tx) => {
    const tables = await tablesInOrder(tx);
    const present = await digestTables(tx, tables);
    const filled = tables.filter((table) => (present[table]?.rows ?? 0) > 0);
    if (filled.length > 0) {
      if (!options.replace) throw new Error(`la base contient déjà des données (${filled.join(", ")}) : restaurez dans une base vide, ou ajoutez --replace`);
      await tx.execute(sql.raw(`truncate ${tables.map(quoted).join(", ")} restart identity cascade`));
    }
    // The job figures' history comes back from its own rows: the projects put back add none (migration 0029).
    await tx.execute(sql`select set_config('maillage.restore', 'on', true)`);
    const restored: Record<string, number> = {};
    // Opened right here: lines read before the loop starts would be lost.
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as Header | { table: string; rows: unknown[] };
      if ("format" in record) {
        if (record.format !== BACKUP_FORMAT) throw new Error(`ce fichier n'est pas une sauvegarde de Maillage (format ${record.format})`);
        header = record;
        continue;
      }
      if (!header) throw new Error("la sauvegarde n'a pas d'en-tête");
      if (!tables.includes(record.table)) throw new Error(`la sauvegarde contient une table que cette base n'a pas : ${record.table}`);
      await tx.execute(
        sql`${sql.raw(`insert into ${quoted(record.table)} overriding system value select * from json_populate_recordset(null::${quoted(record.table)},`)} ${JSON.stringify(record.rows)}::json)`,
      );
      restored[record.table] = (restored[record.table] ?? 0) + record.rows.length;
      options.onProgress?.(record.table, restored[record.table] ?? 0);
    }
    if (!header) throw new Error("fichier de sauvegarde vide");
    // Identity columns continue after the highest restored id.
    const identities = await selectRows<{ table: string; column: string }>(
      tx,
      sql`select table_name as "table", column_name as "column" from information_schema.columns where table_schema = 'public' and is_identity = 'YES'`,
    );
    for (const { table, column } of identities) {
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${quoted(table)}', '${column}'), coalesce((select max(${quoted(column)}) from ${quoted(table)}), 0) + 1, false)`,
        ),
      );
    }
    // The triggers rebuilt the derived tables row by row whatever the order; once more, whole, to be sure.
    await tx.execute(sql`select refresh_stage_moves(array(select id from relationship)), refresh_relationship_summaries(array(select id from relationship))`);
    const after = await digestTables(tx, tables);
    const expected: Header = header;
    const mismatched = Object.entries(expected.tables).filter(
      ([table, digest]) => after[table]?.rows !== digest.rows || after[table]?.checksum !== digest.checksum,
    );
    if (mismatched.length > 0)
      throw new Error(`les données restaurées diffèrent de la sauvegarde pour : ${mismatched.map(([table]) => table).join(", ")} — rien n'a été restauré`);
  });
  return header as unknown as Header;
}
