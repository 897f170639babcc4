// Email goes out through a real SMTP server when one is configured, else into the outbox.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { desc, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEmails } from "@/db/schema";
import { listOutbox, sendMail } from "@/server/services/mail";
import { useTestDatabase } from "../support/db";

describe("mail", () => {
  const database = useTestDatabase();
  const received: { from: string; to: string[]; data: string }[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let data = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => (data += chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            data,
          });
          callback();
        });
      },
    });
    server.listen(0, "127.0.0.1");
    await once(server.server, "listening");
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("keeps a message in the outbox when no SMTP server is set", async () => {
    await sendMail(database.db, { to: "maire@die.test", subject: "Votre lien", text: "Bonjour" }, { from: "Maillage <ne-pas-repondre@maillage.test>" });
    const [message] = await database.db.select().from(outboxEmails).where(eq(outboxEmails.to, "maire@die.test")).orderBy(desc(outboxEmails.createdAt));
    expect(message).toMatchObject({ subject: "Votre lien", text: "Bonjour" });
    expect((await listOutbox(database.db)).map((mail) => mail.to)).toContain("maire@die.test");
  });

  it("sends through SMTP when it is set, and keeps nothing in the outbox", async () => {
    const before = (await listOutbox(database.db, 1000)).length;
    await sendMail(
      database.db,
      { to: "elu@diois.test", subject: "Vous avez rejoint « CC du Diois »", text: "Bonjour Jean-Marc" },
      { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: "Maillage <ne-pas-repondre@maillage.test>" },
    );
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: "ne-pas-repondre@maillage.test", to: ["elu@diois.test"] });
    expect(received[0]?.data).toContain("Bonjour Jean-Marc");
    expect((await listOutbox(database.db, 1000)).length).toBe(before);
  });
});
