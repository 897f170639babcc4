// Mail scanners open links before people do: the emailed link leads to a page of ours whose button
// leads on to Auth.js's callback, so a scanner's visit uses nothing up.

export const MAGIC_LINK_MAX_AGE_SECONDS = 10 * 60;
export const CONFIRMATION_PATH = "/connexion/confirmer";

/**
 * Turns Auth.js's callback URL into the link we email: our confirmation page at the address people
 * reach the app at (AUTH_URL), same parameters. Auth.js builds its URL from the request, whose
 * host may be the server's own name (`next start` calls itself localhost) or a proxy's.
 */
export function confirmationPageUrl(authCallbackUrl: string, appUrl: string): string {
  const callback = new URL(authCallbackUrl);
  return `${appUrl.replace(/\/$/, "")}${CONFIRMATION_PATH}?${callback.searchParams.toString()}`;
}

/** The path the confirmation button leads to; only our own callback path, whatever the query says. */
export function authCallbackPath(params: { token: string; email: string; callbackUrl?: string }): string {
  const query = new URLSearchParams({ token: params.token, email: params.email });
  if (params.callbackUrl) query.set("callbackUrl", params.callbackUrl);
  return `/api/auth/callback/email?${query.toString()}`;
}
