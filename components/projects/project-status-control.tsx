"use client";
// The holders pause a project, archive it, or take it up again.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Button } from "@/components/ui/primitives";
import { PROJECT_STATUSES, type ProjectStatus } from "@/server/domain/project-file";

export function ProjectStatusControl({ projectId, status }: { projectId: string; status: ProjectStatus }) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const change = useApiMutation((api) => api.project.setStatus, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(change.error, tc("error"));
  return (
    <div className="flex flex-wrap items-center gap-2">
      {PROJECT_STATUSES.filter((candidate) => candidate !== status).map((candidate) => (
        <Button key={candidate} type="button" variant="secondary" disabled={change.isPending} onClick={() => change.mutate({ projectId, status: candidate })}>
          {t("setProjectStatus", { status: t(`projectStatuses.${candidate}`) })}
        </Button>
      ))}
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </div>
  );
}
