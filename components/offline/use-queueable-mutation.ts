"use client";
// A write that works offline: sent with an idempotency key (one per write, kept across a second
// click after a lost answer), and kept in the outbox when there is no signal or the answer is lost.
import { useCallback, useLayoutEffect, useRef, useState, type FormEvent } from "react";
import { formValues, type FormValues } from "@/components/forms/use-form-mutation";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import type { ApiClient } from "@/components/trpc-client";
import { isConnectionLost, keepForLater, type Queueing } from "./keep-for-later";

type Keyed = { idempotencyKey?: string };
type Callable<TInput extends Keyed, TOutput> = { mutate: (input: TInput) => Promise<TOutput> };

export function useQueueableMutation<TInput extends Keyed, TOutput>(procedure: (api: ApiClient) => Callable<TInput, TOutput>, queueing: Queueing<TInput>) {
  const mutation = useApiMutation(procedure);
  const [queued, setQueued] = useState(false);
  const key = useRef<string | null>(null);
  // The latest render's description, read when a write is kept.
  const latestQueueing = useRef(queueing);
  useLayoutEffect(() => {
    latestQueueing.current = queueing;
  });
  const { mutateAsync, reset } = mutation;

  /** Sends `values`, or keeps them for later: "sent" with the answer, or "queued". */
  const send = useCallback(
    async (values: TInput): Promise<{ sent: TOutput } | "queued"> => {
      key.current ??= crypto.randomUUID();
      const input: TInput = { ...values, idempotencyKey: key.current };
      const keep = async () => {
        await keepForLater(input, latestQueueing.current);
        key.current = null;
        reset();
        setQueued(true);
        return "queued" as const;
      };
      setQueued(false);
      if (!navigator.onLine) return keep();
      try {
        const sent = await mutateAsync(input);
        key.current = null;
        return { sent };
      } catch (error) {
        if (isConnectionLost(error)) return keep();
        throw error;
      }
    },
    [mutateAsync, reset],
  );
  return { ...mutation, send, queued };
}

/** useFormMutation for a form that works offline (mark the form data-works-offline). */
export function useQueueableFormMutation<TInput extends Keyed, TOutput>(
  procedure: (api: ApiClient) => Callable<TInput, TOutput>,
  read: (form: FormValues) => TInput,
  options: {
    offline: Queueing<TInput>;
    onSaved?: (data: TOutput, form: HTMLFormElement, input: TInput) => unknown;
    onQueued?: (form: HTMLFormElement) => unknown;
  },
) {
  const mutation = useQueueableMutation(procedure, options.offline);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = read(formValues(form));
    mutation
      .send(values)
      .then((outcome) => (outcome === "queued" ? options.onQueued?.(form) : options.onSaved?.(outcome.sent, form, values)))
      .catch(() => {});
  };
  return { ...mutation, onSubmit };
}
