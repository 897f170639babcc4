// A labelled form field with its hint and its error, wired for screen readers.
import type { ComponentProps, ReactNode } from "react";

const inputClass =
  "mt-1 block w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-base text-ink placeholder:text-stone-500 aria-[invalid=true]:border-danger";

type FieldProps = { id: string; label: string; hint?: string; error?: string | null; children?: ReactNode };

function describedBy(id: string, hint?: string, error?: string | null) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldFrame({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ id, label, hint, error, ...input }: FieldProps & ComponentProps<"input">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass} {...input} />
    </FieldFrame>
  );
}

export function TextArea({ id, label, hint, error, ...input }: FieldProps & ComponentProps<"textarea">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass} rows={4} {...input} />
    </FieldFrame>
  );
}

export function SelectField({ id, label, hint, error, children, ...select }: FieldProps & ComponentProps<"select">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass} {...select}>
        {children}
      </select>
    </FieldFrame>
  );
}
