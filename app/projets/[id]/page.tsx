import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Badge, Card, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";
import { loadOrNotFound } from "@/server/api/load";

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSignedIn(`/projets/${id}`);
  const api = await serverApi();
  const project = await loadOrNotFound(() => api.project.get({ projectId: id }));
  if (!project) notFound();
  const t = await getTranslations("project");
  const tk = await getTranslations("kinds");
  const format = await getFormatter();
  return (
    <article className="space-y-6">
      <PageHeader
        title={project.title}
        intro={`${t("lead", { name: project.leadCollectiveName })} · ${t("inCommune", {
          commune: project.communeName,
          departement: project.departementCode ?? "",
        })}`}
      />
      <Card>
        <SectionTitle>{t("summary")}</SectionTitle>
        <p className="whitespace-pre-line">{project.summary || t("noSummary")}</p>
        <p className="mt-4 text-sm text-muted">{t("updated", { date: format.dateTime(project.updatedAt, { dateStyle: "long" }) })}</p>
      </Card>
      <Card>
        <SectionTitle>{t("parties")}</SectionTitle>
        <ul className="space-y-2">
          {project.parties.map((party) => (
            <li key={party.organisationId} className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{party.name}</span>
              <Badge>{t(`partyRoles.${party.role}`)}</Badge>
              <span className="text-sm text-muted">{tk(party.kind)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </article>
  );
}
