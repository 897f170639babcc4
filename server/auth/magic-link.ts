// Mail scanners open links before people do: the emailed link leads to a page of ours whose button
// leads on to Auth.js's callback, so a scanner's visit uses nothing up.

export const MAGIC_LINK_MAX_AGE_SECONDS = 10 * 60;
export const CONFIRMATION_PATH = "/connexion/confirmer";

/** Turns Auth.js's callback URL into the link we email: our confirmation page, same parameters. */
export function confirmationPageUrl(authCallbackUrl: string): string {
  const callback = new URL(authCallbackUrl);
  return `${callback.origin}${CONFIRMATION_PATH}?${callback.searchParams.toString()}`;
}

/** The path the confirmation button leads to; only our own callback path, whatever the query says. */
export function authCallbackPath(params: { token: string; email: string; callbackUrl?: string }): string {
  const query = new URLSearchParams({ token: params.token, email: params.email });
  if (params.callbackUrl) query.set("callbackUrl", params.callbackUrl);
  return `/api/auth/callback/email?${query.toString()}`;
}

/** A redirect target made relative when it is on one of our origins; anywhere else becomes "/". */
export function sameSitePath(target: string, ourOrigins: string[]): string {
  if (target.startsWith("/") && !target.startsWith("//")) return target;
  try {
    const url = new URL(target);
    const origins = ourOrigins.map((origin) => new URL(origin).origin);
    return origins.includes(url.origin) ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
