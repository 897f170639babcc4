// The levers the study recommends at each relationship's stage, marked when already used.
import { useTranslations } from "next-intl";
import type { ProjectOverview } from "@/components/router-outputs";

export function NextSteps({ relationships }: { relationships: ProjectOverview["relationships"] }) {
  const t = useTranslations("projectPage");
  const ts = useTranslations("stages");
  const tl = useTranslations("levers");
  return (
    <div className="space-y-4">
      {relationships.map((relationship) => (
        <div key={relationship.id}>
          <p className="mb-2 text-muted">
            {t("nextStepsIntro", { stage: ts(relationship.stage ?? relationship.pending?.toStage ?? "defiance"), authority: relationship.authorityName })}
          </p>
          <ul className="space-y-1">
            {relationship.nextSteps.map((step) => (
              <li key={step.lever} className="flex items-start gap-2">
                <span
                  aria-hidden="true"
                  className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs ${step.used ? "bg-brand text-white" : "border border-stone-400"}`}
                >
                  {step.used ? "✓" : ""}
                </span>
                <span>
                  {tl(step.lever)}{" "}
                  <span className="text-sm text-muted">
                    —{" "}
                    {step.by ? (
                      <>
                        {t("leverUsedBy")} <a href={`#jalon-${step.by.milestoneId}`}>« {step.by.title} »</a>
                      </>
                    ) : (
                      t("leverToTry")
                    )}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
