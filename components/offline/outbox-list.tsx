"use client";
// The outbox page's list: each queued write, waiting or refused (with the server's words and what
// was typed, to copy or discard), and a button to send now.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Badge, Button, EmptyState } from "@/components/ui/primitives";
import { dropWrite } from "./outbox-store";
import { sendQueuedWrites, type SendRound } from "./send-outbox";
import { useOnline } from "./use-online";
import { useQueuedWrites } from "./use-queued-writes";

export function OutboxList({ userId }: { userId: string }) {
  const t = useTranslations("offline");
  const format = useFormatter();
  const router = useRouter();
  const online = useOnline();
  const writes = useQueuedWrites(userId);
  const [sending, setSending] = useState(false);
  const [round, setRound] = useState<SendRound | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const sendNow = async () => {
    setSending(true);
    try {
      const result = await sendQueuedWrites(userId);
      setRound(result);
      if (result.sent > 0) router.refresh();
    } finally {
      setSending(false);
    }
  };

  if (writes.length === 0) {
    return (
      <>
        {round ? <Alert tone="success">{t("sentSummary", { sent: round.sent, waiting: round.waiting })}</Alert> : null}
        <EmptyState>{t("empty")}</EmptyState>
      </>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3" data-works-offline="">
        <Button type="button" onClick={() => void sendNow()} disabled={!online || sending} aria-describedby={online ? undefined : "envois-hors-connexion"}>
          {sending ? t("sending") : t("sendNow")}
        </Button>
        {online ? null : (
          <p id="envois-hors-connexion" className="text-sm text-muted">
            {t("offlineNow")}
          </p>
        )}
      </div>
      {round ? (
        <p role="status" className="text-sm">
          {t("sentSummary", { sent: round.sent, waiting: round.waiting })}
        </p>
      ) : null}
      <ol className="space-y-3">
        {writes.map((write) => (
          <li key={write.key} className="rounded-xl border border-line bg-white p-4 shadow-sm" data-works-offline="">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-semibold">{write.label}</p>
              <Badge tone={write.state === "refused" ? "warn" : "neutral"}>{write.state === "refused" ? t("refused") : t("waiting")}</Badge>
            </div>
            <p className="text-sm text-muted">
              {t("writtenOn", { date: format.dateTime(new Date(write.queuedAt), { dateStyle: "long", timeStyle: "short" }) })} ·{" "}
              <Link href={write.href}>{t("open")}</Link>
            </p>
            {write.state === "refused" ? (
              <div className="mt-3 space-y-2">
                <Alert>{t("refusedBecause", { message: write.message ?? "" })}</Alert>
                {write.typed ? (
                  <div>
                    <p className="text-sm font-medium">{t("typed")}</p>
                    <p className="rounded-lg bg-stone-50 p-2 whitespace-pre-wrap">{write.typed}</p>
                  </div>
                ) : null}
                <div className="flex flex-wrap gap-2">
                  {write.typed ? (
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() =>
                        void navigator.clipboard
                          ?.writeText(write.typed)
                          .then(() => setCopied(write.key))
                          .catch(() => {})
                      }
                    >
                      {t("copy")}
                    </Button>
                  ) : null}
                  <Button type="button" variant="secondary" onClick={() => void dropWrite(write.key)}>
                    {t("discard")}
                  </Button>
                </div>
                {copied === write.key ? (
                  <p role="status" className="text-sm">
                    {t("copied")}
                  </p>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
