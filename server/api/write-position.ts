// With read replicas, the WAL position of a browser's last write travels in a cookie, so that any
// instance sends that person's reads to a replica that has replayed it (db/replicas.ts).
import "server-only";
import { formatLsn } from "@/db/replicas";
import { getReadReplicas } from "@/server/db";
import { env } from "@/server/env";

/** Not a secret: a position in the log; kept for as long as a replica may lag. */
export const WRITTEN_AT_COOKIE = "maillage-ecrit";

/** Ten minutes: far beyond any lag a replica is used with (16 MB of WAL). */
export function writtenAtCookieOptions() {
  return { path: "/", maxAge: 600, httpOnly: true, sameSite: "lax" as const, secure: env.APP_URL.startsWith("https:") };
}

/** The Set-Cookie header of a write's position, for a response built by hand. */
export function writtenAtCookie(position: bigint): string {
  const options = writtenAtCookieOptions();
  return `${WRITTEN_AT_COOKIE}=${formatLsn(position)}; Path=${options.path}; Max-Age=${options.maxAge}; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`;
}

/**
 * After a write made outside tRPC (a route handler: an import, an invitation accepted): with read
 * replicas, its author's next reads wait for it, on this instance and, by the cookie, on others.
 */
export async function withWritePosition(response: Response, userId: string | null): Promise<Response> {
  const replicas = getReadReplicas();
  if (replicas) response.headers.append("set-cookie", writtenAtCookie(await replicas.rememberWrite(userId)));
  return response;
}
