// A list of project cards: title, lead collective, commune, last update.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ProjectSummary } from "@/server/services/projects";

export async function ProjectList({ projects }: { projects: ProjectSummary[] }) {
  const t = await getTranslations("project");
  const format = await getFormatter();
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {projects.map((project) => (
        <li key={project.id} className="rounded-xl border border-line bg-white p-4 shadow-sm">
          <Link href={`/projets/${project.id}`} className="text-lg font-semibold">
            {project.title}
          </Link>
          <p className="mt-1 text-sm text-muted">
            {t("lead", { name: project.leadCollectiveName })} ·{" "}
            {t("inCommune", { commune: project.communeName, departement: project.departementCode ?? "" })}
          </p>
          <p className="mt-1 text-sm text-muted">
            {t("updated", { date: format.dateTime(project.updatedAt, { dateStyle: "long" }) })}
          </p>
        </li>
      ))}
    </ul>
  );
}
