// A digest of every row the app writes: equal before and after means a call changed nothing.
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db";

const WRITABLE_TABLES = [
  "user",
  "account",
  "session",
  "verification_token",
  "organisation",
  "membership",
  "project",
  "project_party",
  "outbox_email",
  "project_commune",
  "funding_line",
  "change_log",
  "relationship",
  "stage_change",
  "mediation_note",
  "milestone",
  "milestone_relationship",
  "milestone_lever",
  "stage_change_milestone",
  "barometer_answer_set",
  "comment",
  "comment_mention",
  "follow",
  "notification",
  "calendar_feed",
  "invitation",
  "email_preference",
  "digest_claim",
  "rate_limit_hit",
  "content_report",
  "network_setting",
  "portfolio_identifier",
  // Kept by triggers from the tables above.
  "stage_move",
  "relationship_summary",
] as const;

export async function databaseFingerprint(db: Database): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const table of WRITABLE_TABLES) {
    const rows = await selectRows<{ digest: string }>(
      db,
      sql`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest
          from ${sql.identifier(table)} t`,
    );
    digest[table] = rows[0]?.digest ?? "";
  }
  return digest;
}
