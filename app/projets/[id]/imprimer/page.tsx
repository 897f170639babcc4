import { getFormatter, getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { StageStrip } from "@/components/gradient/stage-strip";
import { PrintButton } from "@/components/projects/print-button";
import { ProjectFileView } from "@/components/projects/project-file-view";
import { currentActor } from "@/server/api/context";
import { loadOrNotFound } from "@/server/api/load";
import { serverApi } from "@/server/api/server";

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

// The file to take to a council meeting: A4, the date printed, each relationship and its history.
export default async function PrintableProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  const api = await serverApi();
  const project = await loadOrNotFound(() => api.project.get({ projectId: id }));
  if (!project) {
    if (!actor) redirect(`/connexion?callbackUrl=${encodeURIComponent(`/projets/${id}/imprimer`)}`);
    notFound();
  }
  const overview = await api.project.overview({ projectId: id });
  const t = await getTranslations("print");
  const tp = await getTranslations("projectPage");
  const ts = await getTranslations("stages");
  const tk = await getTranslations("milestoneKinds");
  const format = await getFormatter();
  const now = new Date();
  const since = now.getTime() - YEAR_MS;
  const milestoneStanding = (confirmations: string[]) =>
    confirmations.includes("contested") ? ` — ${t("contested")}` : confirmations.includes("pending") ? ` — ${t("unconfirmed")}` : "";
  const events = [
    ...overview.milestones
      .filter((milestone) => !milestone.hidden)
      .map((milestone) => ({
        at: new Date(`${milestone.occursOn}T12:00:00Z`),
        // A council reads what both sides agree on: a milestone the other side has not confirmed says so.
        text: `${milestone.title} (${tk(milestone.kind)})${milestoneStanding(milestone.relationships.map((link) => link.confirmation))}`,
      })),
    ...overview.relationships.flatMap((relationship) =>
      relationship.changes
        .filter((change) => (change.status === "confirmed" || change.status === "declined") && change.decidedAt)
        .map((change) => ({
          at: change.decidedAt as Date,
          text:
            change.status === "declined"
              ? [
                  tp("declinedEvent", { authority: relationship.authorityName, from: change.fromStage ? ts(change.fromStage) : "—", to: ts(change.toStage) }),
                  change.decisionComment ? tp("declineReason", { reason: change.decisionComment }) : null,
                ]
                  .filter(Boolean)
                  .join(" — ")
              : change.fromStage
                ? tp("stageChangeEvent", { authority: relationship.authorityName, from: ts(change.fromStage), to: ts(change.toStage) })
                : tp("stageStartEvent", { authority: relationship.authorityName, to: ts(change.toStage) }),
        })),
    ),
  ]
    .filter((event) => event.at.getTime() >= since)
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  return (
    <article className="mx-auto max-w-3xl text-[15px] print:max-w-none">
      <div className="mb-4 flex items-start justify-between gap-4">
        <div>
          <p className="text-sm text-muted">{t("title")}</p>
          <h1 className="text-2xl font-semibold">{project.title}</h1>
          <p className="text-sm text-muted">{t("printedOn", { date: format.dateTime(now, { dateStyle: "long" }) })}</p>
        </div>
        <PrintButton />
      </div>
      <ProjectFileView file={{ ...project, projectId: project.id }} holders={project.holders.filter((holder) => holder.status === "active")} />

      <h2 className="mt-6 mb-2 text-lg font-semibold print:break-before-auto">{t("relationships")}</h2>
      {overview.relationships.map((relationship) => (
        <section key={relationship.id} className="mb-4 break-inside-avoid">
          <h3 className="font-semibold">{relationship.authorityName}</h3>
          <div className="my-2">
            <StageStrip stage={relationship.stage} proposed={relationship.pending?.fromStage === null ? relationship.pending.toStage : null} />
          </div>
          {relationship.pending ? (
            <p className="text-sm font-medium">
              {t("pendingProposal", {
                from: relationship.pending.fromStage ? ts(relationship.pending.fromStage) : t("noStage"),
                to: ts(relationship.pending.toStage),
              })}
            </p>
          ) : null}
          <table className="w-full text-left text-sm">
            <caption className="text-left font-medium">{t("history")}</caption>
            <tbody>
              {relationship.changes
                .filter((change) => change.status === "confirmed" || change.status === "declined")
                .map((change) => (
                  <tr key={change.id} className="border-t border-line">
                    <td className="py-1 pr-2 sm:whitespace-nowrap">{change.decidedAt ? format.dateTime(change.decidedAt, { dateStyle: "medium" }) : ""}</td>
                    <td className="py-1 pr-2">
                      {change.fromStage ? `${ts(change.fromStage)} → ${ts(change.toStage)}` : ts(change.toStage)}
                      {change.status === "declined" ? ` (${t("declined")})` : ""}
                    </td>
                    <td className="py-1 [overflow-wrap:anywhere]">
                      {change.reason}
                      {change.status === "declined" && change.decisionComment ? ` — ${tp("declineReason", { reason: change.decisionComment })}` : ""}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}

      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("timeline")}</h2>
      {events.length === 0 ? (
        <p className="text-muted">{t("noEvent")}</p>
      ) : (
        <ol className="space-y-1 text-sm">
          {events.map((event, index) => (
            <li key={index} className="grid grid-cols-[8rem_1fr] gap-2 break-inside-avoid">
              <span>{format.dateTime(event.at, { dateStyle: "medium" })}</span>
              <span>{event.text}</span>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
