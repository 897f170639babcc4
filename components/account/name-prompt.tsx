"use client";
// Asked on the home page of someone with no name yet: first and last name, or « Plus tard » once.
// Its words come from the page (the home page sends no messages to the browser).
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export type NamePromptWords = { title: string; intro: string; givenName: string; familyName: string; save: string; later: string; error: string };

export function NamePrompt({ canSkip, words }: { canSkip: boolean; words: NamePromptWords }) {
  const router = useRouter();
  const save = useFormMutation(
    (api) => api.account.setName,
    (form) => ({ givenName: form.text("givenName"), familyName: form.text("familyName") }),
    { onSaved: () => router.refresh() },
  );
  const skip = useApiMutation((api) => api.account.skipName, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(save.error ?? skip.error, words.error);
  return (
    <section aria-labelledby="name-prompt-title" className="rounded-xl border-2 border-brand bg-white p-4">
      <h2 id="name-prompt-title" className="text-lg font-semibold">
        {words.title}
      </h2>
      <p className="mb-3 text-muted">{words.intro}</p>
      <form noValidate onSubmit={save.onSubmit}>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField
            id="givenName"
            name="givenName"
            label={words.givenName}
            autoComplete="given-name"
            required
            maxLength={60}
            error={errors.fields.givenName}
          />
          <TextField
            id="familyName"
            name="familyName"
            label={words.familyName}
            autoComplete="family-name"
            required
            maxLength={60}
            error={errors.fields.familyName}
          />
        </div>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <div className="mt-2 flex flex-wrap gap-2">
          <Button type="submit" disabled={save.isPending}>
            {words.save}
          </Button>
          {canSkip ? (
            <Button type="button" variant="quiet" disabled={skip.isPending} onClick={() => skip.mutate()}>
              {words.later}
            </Button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
