"use client";
// The private calendar address of planned milestones: create, copy, renew, revoke.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/primitives";
import { useApiMutation } from "@/components/forms/use-api-mutation";

export function CalendarFeed({ url }: { url: string | null }) {
  const t = useTranslations("calendar");
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const renew = useApiMutation((api) => api.calendar.renew, { onSuccess });
  const revoke = useApiMutation((api) => api.calendar.revoke, { onSuccess });
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  // Calendar apps subscribe to a webcal: address (and keep it up to date); the https: one is for copying.
  const subscribe = url ? url.replace(/^https?:/, "webcal:") : null;
  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }
  return (
    <div>
      <p className="mb-3 text-muted">{t("intro")}</p>
      {url ? <TextField id="calendar-url" label={t("address")} value={url} readOnly onFocus={(event) => event.currentTarget.select()} /> : null}
      {url && subscribe ? (
        <div className="mb-3 flex flex-wrap items-center gap-2">
          <a href={subscribe} className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-medium text-white no-underline hover:bg-brand-dark">
            {t("subscribe")}
          </a>
          <Button type="button" variant="secondary" onClick={() => void copy()}>
            {t("copy")}
          </Button>
          <span role="status" className="text-sm">
            {copied === "yes" ? t("copied") : copied === "no" ? t("copyFailed") : ""}
          </span>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant={url ? "secondary" : "primary"} disabled={renew.isPending} onClick={() => renew.mutate()}>
          {url ? t("renew") : t("create")}
        </Button>
        {url ? (
          <Button type="button" variant="quiet" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
            {t("revoke")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
