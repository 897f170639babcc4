// Sends email through SMTP when SMTP_URL is set; otherwise keeps it in the outbox table.
import { desc } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { DbOrTx } from "@/db";
import { outboxEmails } from "@/db/schema";
import { env } from "@/server/env";

export type MailMessage = { to: string; subject: string; text: string; html?: string };

let transport: nodemailer.Transporter | null = null;

export async function sendMail(db: DbOrTx, message: MailMessage): Promise<void> {
  if (env.SMTP_URL) {
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.MAIL_FROM, ...message });
    return;
  }
  await db.insert(outboxEmails).values(message);
}

export async function listOutbox(db: DbOrTx, limit = 50) {
  return db.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit);
}
