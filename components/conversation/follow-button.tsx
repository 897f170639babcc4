"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/primitives";
import { useApiMutation } from "@/components/forms/use-api-mutation";

export function FollowButton({ projectId, following }: { projectId: string; following: boolean }) {
  const t = useTranslations("follow");
  const router = useRouter();
  const set = useApiMutation((api) => api.follow.set, { onSuccess: () => router.refresh() });
  return (
    <Button
      type="button"
      variant={following ? "secondary" : "primary"}
      aria-pressed={following}
      disabled={set.isPending}
      onClick={() => set.mutate({ projectId, follow: !following })}
    >
      {following ? t("unfollow") : t("follow")}
    </Button>
  );
}
