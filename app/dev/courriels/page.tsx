import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { listOutbox } from "@/server/services/mail";

export async function generateMetadata() {
  return { title: (await getTranslations("outbox"))("title") };
}

// The outbox exists only in development or in demo mode: elsewhere this page is a 404.
export default async function OutboxPage() {
  if (!env.DEMO_MODE) notFound();
  const t = await getTranslations("outbox");
  const format = await getFormatter();
  const emails = await listOutbox(getDb());
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      {emails.length === 0 ? <EmptyState>{t("empty")}</EmptyState> : null}
      {emails.map((email) => (
        <Card key={email.id}>
          <article aria-label={email.subject}>
            <h2 className="font-semibold">{email.subject}</h2>
            <p className="text-sm text-muted">
              {t("to", { to: email.to })} · {format.dateTime(email.createdAt, { dateStyle: "long", timeStyle: "short" })}
            </p>
            <pre className="mt-3 overflow-x-auto font-sans whitespace-pre-wrap">{linkify(email.text)}</pre>
          </article>
        </Card>
      ))}
    </div>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
