"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/primitives";

export function FollowButton({ projectId, following }: { projectId: string; following: boolean }) {
  const t = useTranslations("follow");
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.follow.set.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Button type="button" variant={following ? "secondary" : "primary"} aria-pressed={following} disabled={set.isPending} onClick={() => set.mutate({ projectId, follow: !following })}>
      {following ? t("unfollow") : t("follow")}
    </Button>
  );
}
