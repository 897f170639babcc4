// The four stages of the trust gradient, drawn as a path from Défiance to Co-portage.
import { getTranslations } from "next-intl/server";
import { STAGES } from "@/server/domain/gradient";

const STAGE_COLOURS = {
  defiance: "bg-stage-defiance",
  observation: "bg-stage-observation",
  collaboration: "bg-stage-collaboration",
  coportage: "bg-stage-coportage",
} as const;

export async function GradientLadder() {
  const t = await getTranslations("stages");
  const tl = await getTranslations("landing");
  return (
    <ol className="grid gap-3 sm:grid-cols-4">
      {STAGES.map((stage, index) => (
        <li key={stage} className="relative rounded-xl border border-line bg-white p-4">
          <div className="flex items-center gap-2">
            <span aria-hidden="true" className={`flex h-7 w-7 items-center justify-center rounded-full text-sm font-bold text-white ${STAGE_COLOURS[stage]}`}>
              {index + 1}
            </span>
            <span className="font-semibold">{t(stage)}</span>
          </div>
          <p className="mt-2 text-sm text-muted">{tl(stage)}</p>
        </li>
      ))}
    </ol>
  );
}
