"use client";
// One side's answers to the ten indicator questions, from 1 to 5; a past fact the side answered already is shown, not asked again.
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useQueueableFormMutation } from "@/components/offline/use-queueable-mutation";
import { Alert, Button } from "@/components/ui/primitives";
import { INDICATOR_IDS, type IndicatorId, type PastFact, type Score, type Side } from "@/server/domain/gradient";

const SCORES = [1, 2, 3, 4, 5] as const;

export function BarometerForm({
  projectId,
  relationshipId,
  side,
  previous,
  pastFacts,
}: {
  projectId: string;
  relationshipId: string;
  side: Side;
  /** The person's own latest answers for this side: the form starts from them, and says when they were given. */
  previous: { answers: Record<string, number>; answeredAt: Date } | null;
  /** The side's first answer to each past fact: asked once, shown as given. */
  pastFacts: Partial<Record<PastFact, { score: number; answeredAt: Date }>>;
}) {
  const t = useTranslations("projectPage");
  const tq = useTranslations("barometer.questions");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const to = useTranslations("offline");
  const answer = useQueueableFormMutation(
    (api) => api.barometer.answer,
    (form) => {
      const answers: Partial<Record<IndicatorId, Score>> = {};
      for (const question of INDICATOR_IDS) {
        const score = SCORES.find((option) => option === form.number(question));
        if (score) answers[question] = score;
      }
      return { relationshipId, as: side, answers };
    },
    {
      onSaved: () => router.refresh(),
      // Without signal, the answers wait in the outbox and leave when the network is back.
      offline: { procedure: "barometer.answer", describe: () => ({ label: to("kinds.barometerAnswer"), typed: "", projectId }) },
    },
  );
  const errors = formErrorsOf(answer.error, tc("error"));
  const format = useFormatter();
  return (
    <form noValidate onSubmit={answer.onSubmit} data-works-offline="">
      {previous ? (
        <p className="mb-3 text-sm text-muted">{t("previousAnswers", { date: format.dateTime(previous.answeredAt, { dateStyle: "long" }) })}</p>
      ) : null}
      {INDICATOR_IDS.map((question) => {
        const given = pastFacts[question as PastFact];
        if (given) {
          return (
            <div key={question} className="mb-3 border-b border-line pb-3">
              <p>{tq(question)}</p>
              <p className="text-sm text-muted">
                {t("pastFactAnswered", { date: format.dateTime(given.answeredAt, { dateStyle: "long" }), answer: t(`scale.${given.score as Score}`) })}
              </p>
            </div>
          );
        }
        return (
          <fieldset key={question} className="mb-3 border-b border-line pb-3">
            <legend className="mb-1">{tq(question)}</legend>
            <div className="flex flex-wrap gap-1">
              {SCORES.map((score) => (
                <label
                  key={score}
                  className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center gap-1 rounded-lg border border-line px-2 has-[:checked]:border-brand has-[:checked]:bg-brand-soft"
                >
                  <input
                    type="radio"
                    name={question}
                    value={score}
                    id={`${id}-${question}-${score}`}
                    defaultChecked={previous?.answers[question] === score}
                    className="h-4 w-4"
                  />
                  <span>{t(`scale.${score}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      {errors.message || errors.fields.answers ? <Alert>{errors.fields.answers ?? errors.message}</Alert> : null}
      {answer.isSuccess ? <Alert tone="success">{t("answersSaved")}</Alert> : null}
      {answer.queued ? <Alert tone="success">{to("queued")}</Alert> : null}
      <Button type="submit" disabled={answer.isPending}>
        {t("submitAnswers")}
      </Button>
    </form>
  );
}
