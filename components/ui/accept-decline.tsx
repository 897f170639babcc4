"use client";
// Two buttons that answer a request — accept or decline — each naming what it answers, and the
// refusal's reason when the answer did not go through.
import { Button } from "./primitives";

export function AcceptDecline({
  labels,
  about,
  pending,
  error,
  onAnswer,
}: {
  labels: { accept: string; decline: string };
  /** What is answered, said in each button's accessible name. */
  about: string;
  pending: boolean;
  error: string | null;
  onAnswer: (accept: boolean) => void;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" aria-label={`${labels.accept} : ${about}`} disabled={pending} onClick={() => onAnswer(true)}>
        {labels.accept}
      </Button>
      <Button type="button" variant="secondary" aria-label={`${labels.decline} : ${about}`} disabled={pending} onClick={() => onAnswer(false)}>
        {labels.decline}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
