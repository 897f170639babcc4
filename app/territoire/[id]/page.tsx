import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ProjectList } from "@/components/projects/project-list";
import { Alert, EmptyState, PageHeader } from "@/components/ui/primitives";
import { TRPCError } from "@trpc/server";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

export default async function TerritoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSignedIn(`/territoire/${id}`);
  const t = await getTranslations("territoryView");
  const api = await serverApi();
  let view;
  try {
    view = await api.project.listForTerritory({ authorityId: id });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") {
      return (
        <div>
          <PageHeader title={t("title")} />
          <Alert>{error.message}</Alert>
        </div>
      );
    }
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  return (
    <div>
      <PageHeader title={`${t("title")} — ${view.authority.name}`} intro={t("intro", { name: view.authority.name })} />
      <p className="mb-4 font-medium">{t("count", { count: view.projects.length })}</p>
      {view.projects.length > 0 ? <ProjectList projects={view.projects} /> : <EmptyState>{t("empty")}</EmptyState>}
    </div>
  );
}
