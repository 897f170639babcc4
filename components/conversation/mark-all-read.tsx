"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/primitives";

export function MarkAllRead() {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const router = useRouter();
  const mark = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Button type="button" variant="secondary" disabled={mark.isPending} onClick={() => mark.mutate({})}>
      {t("markAll")}
    </Button>
  );
}
