// Sends email through SMTP when SMTP_URL is set; otherwise keeps it in the outbox table.
import { desc } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { DbOrTx } from "@/db";
import { outboxEmails } from "@/db/schema";
import { env } from "@/server/env";

export type MailMessage = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

export type MailSettings = { smtpUrl?: string; from: string };

const transports = new Map<string, nodemailer.Transporter>();

export async function sendMail(db: DbOrTx, message: MailMessage, settings: MailSettings = { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }): Promise<void> {
  if (settings.smtpUrl) {
    let transport = transports.get(settings.smtpUrl);
    if (!transport) {
      transport = nodemailer.createTransport(settings.smtpUrl);
      transports.set(settings.smtpUrl, transport);
    }
    await transport.sendMail({ from: settings.from, ...message });
    return;
  }
  await db.insert(outboxEmails).values(message);
}

export async function listOutbox(db: DbOrTx, limit = 50) {
  return db.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit);
}
