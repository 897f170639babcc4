"use client";
// The private calendar address of planned milestones: create, copy, renew, revoke.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/primitives";

export function CalendarFeed({ url }: { url: string | null }) {
  const t = useTranslations("calendar");
  const trpc = useTRPC();
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const renew = useMutation(trpc.calendar.renew.mutationOptions({ onSuccess }));
  const revoke = useMutation(trpc.calendar.revoke.mutationOptions({ onSuccess }));
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
