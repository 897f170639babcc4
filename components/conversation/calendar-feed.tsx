"use client";
// The private calendar address of planned milestones: create, copy, renew, revoke.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/primitives";
import { useApiMutation } from "@/components/forms/use-api-mutation";

export function CalendarFeed({ url }: { url: string | null }) {
  const t = useTranslations("calendar");
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const renew = useApiMutation((api) => api.calendar.renew, { onSuccess });
  const revoke = useApiMutation((api) => api.calendar.revoke, { onSuccess });
  return (
    <div>
      <p className="mb-3 text-muted">{t("intro")}</p>
      {url ? <TextField id="calendar-url" label={t("address")} value={url} readOnly onFocus={(event) => event.currentTarget.select()} /> : null}
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
