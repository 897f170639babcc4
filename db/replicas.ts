// Read replicas (DATABASE_REPLICA_URLS): hot standbys of the primary that answer reads, chosen so
// that nobody reads a state older than their own last write, and skipped when down or far behind.
import { sql } from "drizzle-orm";
import { answeredWithin, createDb, selectRows, type Database, type DbConnection } from "./index";

/** A position in the write-ahead log, as PostgreSQL prints it ("16/B374D848"), as a number. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text.trim());
  if (!match) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** parseLsn for a value that came from outside (a cookie): null when it is not one. */
export function lsnOrNull(text: string | undefined | null): bigint | null {
  if (!text) return null;
  try {
    return parseLsn(text);
  } catch {
    return null;
  }
}

export type Replica = {
  /** host:port, for the logs. */
  name: string;
  db: Database;
  connection: DbConnection;
  /** The last WAL position it had replayed when checked, or null when it could not be checked. */
  replayed: bigint | null;
  /** Why it is skipped, or null when it takes reads. */
  skipped: string | null;
  checkedAt: number;
};

export type ReplicaOptions = {
  /** Beyond this many bytes of WAL behind the primary, a replica is skipped. */
  maxLagBytes?: bigint;
  /** How often each replica's replay position is read. */
  checkEveryMs?: number;
  maxConnections?: number;
  log?: (line: string) => void;
};

const DEFAULT_MAX_LAG_BYTES = 16n * 1024n * 1024n;
const DEFAULT_CHECK_EVERY_MS = 500;
const CHECK_TIMEOUT_MS = 2_000;
/** A person's last write is remembered until every replica has replayed it, or this long. */
const REMEMBERED_MS = 10 * 60 * 1000;
const REMEMBERED_PEOPLE = 50_000;
/** A write whose position could not be read: its author reads the primary until it is forgotten. */
const UNKNOWN_POSITION = (1n << 64n) - 1n;

function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return typeof code === "string" ? code : typeof message === "string" ? message : String(error);
}

/**
 * The primary and its replicas. Reads ask `pick(after)` for a replica that has replayed `after`
 * (the reader's last write); each replica's replay position is read every `checkEveryMs` in the
 * background, so picking costs no query, and the position it compares with is never ahead of the
 * replica's. A replica unreachable, promoted, or more than `maxLagBytes` behind is skipped, with a
 * log line when it leaves and when it comes back.
 */
export class ReadReplicas {
  readonly replicas: Replica[];
  private readonly maxLagBytes: bigint;
  private readonly log: (line: string) => void;
  private readonly lastWrites = new Map<string, { lsn: bigint; at: number }>();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private turn = 0;

  constructor(
    private readonly primary: Database,
    urls: string[],
    private readonly options: ReplicaOptions = {},
  ) {
    this.maxLagBytes = options.maxLagBytes ?? DEFAULT_MAX_LAG_BYTES;
    this.log = options.log ?? ((line) => console.warn(`[maillage] ${line}`));
    this.replicas = urls.map((url) => {
      const connection = createDb({ url, maxConnections: options.maxConnections ?? 10 });
      return { name: new URL(url).host, db: connection.db, connection, replayed: null, skipped: "not checked yet", checkedAt: 0 };
    });
  }

  /** Checks now and then every `checkEveryMs`, without keeping the process alive. */
  start(): this {
    void this.check();
    this.timer ??= setInterval(() => void this.check(), this.options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS);
    this.timer.unref();
    return this;
  }

  /** Reads the primary's position and each replica's; one check at a time. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    let primaryAt: bigint | null = null;
    try {
      primaryAt = await answeredWithin(this.positionNow(), CHECK_TIMEOUT_MS);
    } catch {
      // The primary away: replicas are judged by their own answers alone.
    }
    await Promise.all(
      this.replicas.map(async (replica) => {
        let skipped: string | null;
        try {
          const [row] = await answeredWithin(
            selectRows<{ replayed: string | null; standby: boolean }>(
              replica.db,
              sql`select pg_last_wal_replay_lsn()::text as replayed, pg_is_in_recovery() as standby`,
            ),
            CHECK_TIMEOUT_MS,
          );
          replica.replayed = row?.replayed ? parseLsn(row.replayed) : null;
          const lag = primaryAt !== null && replica.replayed !== null ? primaryAt - replica.replayed : 0n;
          skipped = !row?.standby
            ? "not a standby (promoted?)"
            : replica.replayed === null
              ? "no replay position"
              : lag > this.maxLagBytes
                ? `${lag} bytes behind the primary`
                : null;
        } catch (error) {
          replica.replayed = null;
          skipped = `unreachable (${reasonOf(error)})`;
        }
        this.setSkipped(replica, skipped);
        replica.checkedAt = Date.now();
      }),
    );
    this.forgetReplayedWrites();
  }

  private setSkipped(replica: Replica, skipped: string | null) {
    if (skipped && !replica.skipped) this.log(`read replica ${replica.name} skipped: ${skipped}; reads go to the primary`);
    if (!skipped && replica.skipped && replica.checkedAt > 0) this.log(`read replica ${replica.name} takes reads again`);
    replica.skipped = skipped;
  }

  /** A read failed on this replica because it went away: skipped until a check finds it again. */
  markDown(replica: Replica, error: unknown): void {
    replica.replayed = null;
    this.setSkipped(replica, `unreachable (${reasonOf(error)})`);
  }

  /** The primary's WAL position now: after a commit, at or past that commit. */
  async positionNow(): Promise<bigint> {
    const [row] = await selectRows<{ lsn: string }>(this.primary, sql`select pg_current_wal_lsn()::text as lsn`);
    if (!row) throw new Error("pg_current_wal_lsn() answered nothing");
    return parseLsn(row.lsn);
  }

  /** A replica that has replayed `after` and is not skipped (in turn), or null: read the primary. */
  pick(after: bigint | null): Replica | null {
    const ready = this.replicas.filter((replica) => !replica.skipped && replica.replayed !== null && (after === null || replica.replayed >= after));
    if (ready.length === 0) return null;
    this.turn = (this.turn + 1) % ready.length;
    return ready[this.turn] ?? null;
  }

  /** After a person's committed write: the position their reads must wait for (read now, or unknown). */
  async rememberWrite(person: string | null): Promise<bigint> {
    let lsn: bigint;
    try {
      lsn = await this.positionNow();
    } catch (error) {
      this.log(`could not read the primary's WAL position after a write (${reasonOf(error)}): its author reads the primary for now`);
      lsn = UNKNOWN_POSITION;
    }
    if (person) {
      this.lastWrites.delete(person);
      this.lastWrites.set(person, { lsn, at: Date.now() });
      if (this.lastWrites.size > REMEMBERED_PEOPLE) {
        const oldest = this.lastWrites.keys().next();
        if (!oldest.done) this.lastWrites.delete(oldest.value);
      }
    }
    return lsn;
  }

  /** The position a person's reads must wait for: the later of what this instance remembers and what they carry. */
  positionFor(person: string | null, carried: bigint | null): bigint | null {
    const remembered = person ? this.lastWrites.get(person) : undefined;
    if (!remembered) return carried;
    return carried === null || remembered.lsn > carried ? remembered.lsn : carried;
  }

  private forgetReplayedWrites() {
    // Replayed by every replica (none unknown): no replica can be behind it any more.
    const known = this.replicas.flatMap((replica) => (replica.replayed === null ? [] : [replica.replayed]));
    const everywhere = known.length < this.replicas.length ? null : known.reduce((low, position) => (position < low ? position : low), UNKNOWN_POSITION);
    const now = Date.now();
    for (const [person, { lsn, at }] of this.lastWrites) {
      if ((everywhere !== null && lsn <= everywhere) || now - at > REMEMBERED_MS) this.lastWrites.delete(person);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking?.catch(() => {});
    await Promise.all(this.replicas.map((replica) => replica.connection.close()));
  }
}
