// One relationship (project × authority): its stage, the open proposal and what one may do about it.
import { useFormatter, useTranslations } from "next-intl";
import type { ProjectOverview } from "@/components/router-outputs";
import { ReasonAction } from "@/components/moderation/reason-action";
import { ProposalActions } from "./proposal-actions";
import { ProposeStageForm } from "./propose-stage-form";
import { StageStrip } from "./stage-strip";
import { ofFrench } from "@/server/domain/french";

type Relationship = ProjectOverview["relationships"][number];

type MilestoneOption = { id: string; title: string; occursOn: string };

export function RelationshipCard({ relationship, milestones }: { relationship: Relationship; milestones: MilestoneOption[] }) {
  const t = useTranslations("projectPage");
  const ts = useTranslations("stages");
  const tk = useTranslations("territoryKinds");
  const format = useFormatter();
  const { pending, can } = relationship;
  return (
    <article className="rounded-xl border border-line bg-white p-4 shadow-sm" aria-labelledby={`relationship-${relationship.id}`}>
      <h3 id={`relationship-${relationship.id}`} className="font-semibold">
        {relationship.authorityName} <span className="text-sm font-normal text-muted">· {tk(relationship.territoryKind)}</span>
      </h3>
      <div className="mt-3">
        <StageStrip stage={relationship.stage} proposed={pending?.fromStage === null ? pending.toStage : null} />
      </div>
      {relationship.endedAt ? (
        <p className="mt-4 rounded-lg bg-stone-100 p-3">
          {t("ended", {
            date: format.dateTime(relationship.endedAt, { dateStyle: "long" }),
            name: relationship.endedByName ?? "—",
            side: relationship.endedSide ? t(`sideLabels.${relationship.endedSide}`) : "—",
            reason: relationship.endReason ?? "",
          })}
        </p>
      ) : pending ? (
        <section className="mt-4 rounded-lg bg-amber-50 p-3" aria-label={t("pending")}>
          <p className="font-medium">
            {pending.declaredByNetwork
              ? t("pendingDeclared", { network: pending.proposedByStructure ?? "—", to: ts(pending.toStage) })
              : pending.fromStage
                ? t("pendingText", {
                    side: t(`sides.${pending.proposedSide}`),
                    from: ts(pending.fromStage),
                    ofFrom: ofFrench(ts(pending.fromStage)),
                    to: ts(pending.toStage),
                  })
                : t("pendingStart", { side: t(`sides.${pending.proposedSide}`), to: ts(pending.toStage) })}
          </p>
          {pending.declaredByNetwork && pending.firstAgreedSide && pending.firstAgreedAt ? (
            <p className="mt-1">
              {t("firstAgreed", {
                side: t(`sides.${pending.firstAgreedSide}`),
                date: format.dateTime(pending.firstAgreedAt, { dateStyle: "long" }),
                name: pending.firstAgreedByName ?? "—",
              })}
            </p>
          ) : null}
          <p className="text-sm text-muted">
            {pending.declaredByNetwork
              ? t("declaredBy", { network: pending.proposedByStructure ?? "—", date: format.dateTime(pending.proposedAt, { dateStyle: "long" }) })
              : t("proposedBy", {
                  name: pending.proposedByStructure
                    ? t("personFor", { name: pending.proposedByName ?? "—", structure: pending.proposedByStructure })
                    : (pending.proposedByName ?? "—"),
                  date: format.dateTime(pending.proposedAt, { dateStyle: "long" }),
                })}
          </p>
          {pending.reason ? <p className="mt-1">{t("reason", { reason: pending.reason })}</p> : null}
          {pending.milestoneIds.length > 0 ? (
            <p className="mt-1 text-sm">
              {t("supportedBy", {
                titles: milestones
                  .filter((milestone) => pending.milestoneIds.includes(milestone.id))
                  .map((milestone) => milestone.title)
                  .join(" · "),
              })}
            </p>
          ) : null}
          {pending.notes.map((note) => (
            <div key={note.id} className="mt-2 border-l-4 border-stage-collaboration bg-white p-2 text-sm">
              <p className="font-medium">{t("mediation")}</p>
              <p>{note.text}</p>
              <p className="text-muted">
                {t("mediationBy", { name: note.authorName ?? "—", network: note.networkName, date: format.dateTime(note.createdAt, { dateStyle: "long" }) })}
              </p>
            </div>
          ))}
          <ProposalActions stageChangeId={pending.id} canDecide={can.canDecide} canWithdraw={can.canWithdraw} canMediate={can.canMediate} />
        </section>
      ) : relationship.stage && can.canPropose ? (
        <div className="mt-4">
          <ProposeStageForm relationshipId={relationship.id} currentStage={relationship.stage} sides={can.sides} milestones={milestones.slice(0, 8)} />
        </div>
      ) : null}
      {can.canEnd && can.sides[0] ? (
        <div className="mt-3">
          <ReasonAction
            target={{ action: "endRelationship", relationshipId: relationship.id, as: can.sides[0] }}
            label={t("endRelationship")}
            about={relationship.authorityName}
          />
        </div>
      ) : null}
    </article>
  );
}
