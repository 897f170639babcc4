"use client";
// On a project's page: what the person wrote here without signal, still waiting to be sent (or
// refused on the way), where the milestone or comment will appear once sent.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/primitives";
import { useQueuedWrites } from "./use-queued-writes";

export function QueuedHere({ userId, projectId }: { userId: string; projectId: string }) {
  const t = useTranslations("offline");
  const writes = useQueuedWrites(userId).filter((write) => write.projectId === projectId);
  if (writes.length === 0) return null;
  return (
    <section aria-labelledby="envois-ici" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4">
      <h2 id="envois-ici" className="font-semibold">
        {t("pendingCount", { count: writes.length })}
      </h2>
      <ul className="mt-2 space-y-1">
        {writes.map((write) => (
          <li key={write.key} className="flex flex-wrap items-center gap-2">
            <span>{write.label}</span>
            <Badge tone={write.state === "refused" ? "warn" : "neutral"}>{write.state === "refused" ? t("refused") : t("waiting")}</Badge>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        <Link href="/envois">{t("title")}</Link>
      </p>
    </section>
  );
}
