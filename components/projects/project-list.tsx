// A list of project cards: title, lead collective, communes, each relationship's stage, the latest milestone.
import Link from "next/link";
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { STAGE_FILL } from "@/components/gradient/stage-strip";
import type { ProjectSummary } from "@/components/router-outputs";
import { lastActivityOf } from "./last-activity";

/** `communes`, where a list has them: every commune the project acts in, said instead of its base commune alone. */
export async function ProjectList<T extends ProjectSummary & { communes?: string[] }>({
  projects,
  actionsOf,
}: {
  projects: T[];
  actionsOf?: (project: T) => ReactNode;
}) {
  const t = await getTranslations("project");
  const ts = await getTranslations("stages");
  const tp = await getTranslations("projectPage");
  const format = await getFormatter();
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {projects.map((project) => (
        <li key={project.id} className="min-w-0 rounded-xl border border-line bg-white p-4 shadow-sm">
          {/* A title is what someone typed: one long word must not push the card off a phone's screen. */}
          <Link href={`/projets/${project.id}`} className="text-lg font-semibold [overflow-wrap:anywhere]">
            {project.title}
          </Link>
          <p className="mt-1 text-sm text-muted">
            {t("lead", { name: format.list([project.contactHolderName, ...project.coHolderNames], { type: "conjunction" }) })} ·{" "}
            {project.communes && project.communes.length > 1
              ? t("inCommunes", { communes: project.communes.join(", ") })
              : t("inCommune", { commune: project.communeName, departement: project.departementCode ?? "" })}
          </p>
          {project.relationships.length > 0 ? (
            <ul className="mt-2 space-y-1">
              {project.relationships.map((relationship) => (
                <li key={relationship.relationshipId} className="flex flex-wrap items-center gap-2 text-sm">
                  <span>{relationship.authorityName}</span>
                  {relationship.stage ? (
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium text-white ${STAGE_FILL[relationship.stage]}`}>
                      {ts(relationship.stage)}
                    </span>
                  ) : (
                    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{tp("toConfirm")}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          {project.latestMilestone ? (
            <p className="mt-2 text-sm">
              {t("latestMilestone", {
                title: project.latestMilestone.title,
                date: format.dateTime(new Date(`${project.latestMilestone.occursOn}T12:00:00Z`), { dateStyle: "long" }),
              })}
            </p>
          ) : null}
          <p className="mt-1 text-sm text-muted">{t("updated", { date: format.dateTime(lastActivityOf(project, new Date()), { dateStyle: "long" }) })}</p>
          {actionsOf?.(project)}
        </li>
      ))}
    </ul>
  );
}
