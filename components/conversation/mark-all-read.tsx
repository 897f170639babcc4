"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/primitives";
import { useApiMutation } from "@/components/forms/use-api-mutation";

export function MarkAllRead() {
  const t = useTranslations("notifications");
  const router = useRouter();
  const mark = useApiMutation((api) => api.notification.markRead, { onSuccess: () => router.refresh() });
  return (
    <Button type="button" variant="secondary" disabled={mark.isPending} onClick={() => mark.mutate({})}>
      {t("markAll")}
    </Button>
  );
}
