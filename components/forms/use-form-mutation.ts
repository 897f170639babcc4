"use client";
// A form sending its fields to a tRPC mutation: the fields are read by name into the procedure's
// input, choices checked against their list (so no cast), and the form handed to what follows a
// success (to reset it, to refresh the page).
import type { FormEvent } from "react";
import type { ApiClient } from "@/components/trpc-client";
import { useApiMutation } from "./use-api-mutation";

export type FormValues = {
  /** The field's text, "" when absent. */
  text: (name: string) => string;
  /** Every value of a field sent several times (checkboxes). */
  texts: (name: string) => string[];
  /** The field as a number, 0 when empty. */
  number: (name: string) => number;
  /** One of `options`; anything else is a bug of the form, not the person's input. */
  choice: <T extends string>(name: string, options: readonly T[]) => T;
  /** The ticked ones among `options`. */
  choices: <T extends string>(name: string, options: readonly T[]) => T[];
};

function isOption<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}

export function formValues(form: HTMLFormElement): FormValues {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  return {
    text,
    texts: (name) => data.getAll(name).map(String),
    number: (name) => Number(data.get(name) || 0),
    choice: (name, options) => {
      const value = text(name);
      if (!isOption(options, value)) throw new Error(`the form's ${name} offers "${value}", which is not one of its options`);
      return value;
    },
    choices: (name, options) =>
      data
        .getAll(name)
        .map(String)
        .filter((value) => isOption(options, value)),
  };
}

type Callable<TInput, TOutput> = { mutate: (input: TInput) => Promise<TOutput> };

export function useFormMutation<TInput, TOutput>(
  procedure: (api: ApiClient) => Callable<TInput, TOutput>,
  read: (form: FormValues) => TInput,
  options: { onSaved?: (data: TOutput, form: HTMLFormElement, input: TInput) => unknown } = {},
) {
  const mutation = useApiMutation(procedure);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const input = read(formValues(form));
    mutation.mutate(input, { onSuccess: (data) => options.onSaved?.(data, form, input) });
  };
  return { ...mutation, onSubmit };
}
