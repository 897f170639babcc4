// Reads what a failed tRPC mutation says: one message per field, and one for the form.
export type FormErrors = { fields: Record<string, string | undefined>; message: string | null };

/** Told by its name rather than by `instanceof`, so a form does not load the tRPC client to render. */
function isApiError(error: unknown): error is Error & { data?: { code?: string } & Record<string, unknown> } {
  return error instanceof Error && error.name === "TRPCClientError";
}

/** What the server sent with a CONFLICT (someone saved in between), or null for any other outcome. */
export function conflictOf(error: unknown): Record<string, unknown> | null {
  return isApiError(error) && error.data?.code === "CONFLICT" ? error.data : null;
}

export function formErrorsOf(error: unknown, fallback: string): FormErrors {
  if (!isApiError(error)) return { fields: {}, message: error ? fallback : null };
  const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
  const fields = Object.fromEntries(Object.entries(data?.fieldErrors ?? {}).map(([field, messages]) => [field, messages?.[0]]));
  // A validation error's own message is zod's JSON: the fields say it better.
  const message = Object.keys(fields).length > 0 ? null : error.message || fallback;
  return { fields, message };
}
