"use client";
// In the header, while writes wait to be sent: how many, leading to the outbox.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useQueuedWrites } from "./use-queued-writes";

export function OutboxLink({ userId, className }: { userId: string; className: string }) {
  const t = useTranslations("offline");
  const writes = useQueuedWrites(userId);
  if (writes.length === 0) return null;
  return (
    <Link href="/envois" className={className}>
      {t("pendingCount", { count: writes.length })}
    </Link>
  );
}
