// Small helpers for route handlers.

/** True when a state-changing request comes from a page of this very site. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return host !== null && new URL(origin).host === host;
}
