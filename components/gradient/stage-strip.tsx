// The gradient as a strip of four steps, the current one filled; "à confirmer" before the start.
import { useTranslations } from "next-intl";
import { STAGES, stageRank, type Stage } from "@/server/domain/gradient";

export const STAGE_FILL = {
  defiance: "bg-stage-defiance",
  observation: "bg-stage-observation",
  collaboration: "bg-stage-collaboration",
  coportage: "bg-stage-coportage",
} as const;

export const STAGE_STROKE = {
  defiance: "#a3261b",
  observation: "#8a6d00",
  collaboration: "#21618c",
  coportage: "#1d5c4f",
} as const;

export function StageStrip({ stage, proposed }: { stage: Stage | null; proposed?: Stage | null }) {
  const t = useTranslations("stages");
  const tp = useTranslations("projectPage");
  const reached = stage === null ? -1 : stageRank(stage);
  return (
    <div>
      {/* Two by two on a phone: four columns would cut « Collaboration ». */}
      <ol className="grid grid-cols-2 gap-1 sm:grid-cols-4" aria-label={stage ? tp("currentStage", { stage: t(stage) }) : tp("toConfirm")}>
        {STAGES.map((step, index) => {
          const isCurrent = step === stage;
          const isProposed = stage === null && step === proposed;
          return (
            <li
              key={step}
              aria-current={isCurrent ? "step" : undefined}
              className={`rounded-md px-1.5 py-2 text-center text-xs font-medium sm:text-sm ${
                index <= reached
                  ? `${STAGE_FILL[step]} text-white`
                  : isProposed
                    ? "border-2 border-dashed border-stone-500 bg-white text-ink"
                    : "bg-stone-100 text-muted"
              } ${isCurrent ? "ring-2 ring-offset-2 ring-ink" : ""}`}
            >
              {t(step)}
            </li>
          );
        })}
      </ol>
      {stage === null ? <p className="mt-1 text-sm font-medium text-amber-900">{tp("toConfirm")}</p> : null}
    </div>
  );
}
