/** A user-given address as a link target only when it is http(s): anything else stays text. */
export function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url.trim()) ? url : null;
}
