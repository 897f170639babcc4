// Where a person goes back to after signing in: a path of this site, whatever the address asked.

// Browsers read a backslash as a slash and drop tabs and newlines inside a URL: "/\evil.example"
// and "/\t/evil.example" both lead off the site. Nothing legitimate of ours contains them.
const BACKSLASH_OR_CONTROL = /[\\\u0000-\u001f\u007f]/;

/**
 * The return path a redirect may use: `target` resolved against our origin as a browser would,
 * kept only if it stays on one of `ourOrigins`, and given back as a path with exactly one leading
 * slash (so that "/.//evil.example", which a parser turns into "//evil.example", stays a path).
 * Anything else becomes "/".
 */
export function safeReturnPath(target: unknown, ourOrigins: readonly string[]): string {
  if (typeof target !== "string" || target === "" || BACKSLASH_OR_CONTROL.test(target)) return "/";
  const origins = ourOrigins.map((origin) => new URL(origin).origin);
  const [home] = origins;
  if (!home) return "/";
  let url: URL;
  try {
    url = new URL(target, home);
  } catch {
    return "/";
  }
  if (!origins.includes(url.origin)) return "/";
  return `/${url.pathname.replace(/^\/+/, "")}${url.search}${url.hash}`;
}
