// Reads what a failed tRPC mutation says: one message per field, and one for the form.
import { TRPCClientError } from "@trpc/client";

export type FormErrors = { fields: Record<string, string | undefined>; message: string | null };

export function formErrorsOf(error: unknown, fallback: string): FormErrors {
  if (!(error instanceof TRPCClientError)) return { fields: {}, message: error ? fallback : null };
  const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
  const fields = Object.fromEntries(
    Object.entries(data?.fieldErrors ?? {}).map(([field, messages]) => [field, messages?.[0]]),
  );
  // A validation error's own message is zod's JSON: the fields say it better.
  const message = Object.keys(fields).length > 0 ? null : error.message || fallback;
  return { fields, message };
}
