// The person behind a tRPC request over HTTP, read from the session cookie Auth.js set, in one
// prepared statement. auth() runs all of Auth.js for this (a request to its session route, a CSRF
// token, the adapter's query built anew, a response parsed back), a share of the project page's
// batch worth its own statement (docs/performance.md, "What changed to get there"). Pages keep auth(), which also pushes a session's
// expiry back once a day while it is used; an API call comes from a page that did.
//
// Same answer as Auth.js: the cookie it reads (its own createActionURL decides https, hence the
// __Secure- prefix), a session that has not expired, its user. tests/integration/api-session.test.ts
// holds the two side by side.
import { and, eq, gt, sql } from "drizzle-orm";
import type { NextRequest } from "next/server";
import type { DbOrTx } from "@/db";
import { sessions, users } from "@/db/schema";
import { preparedPerHandle } from "@/db/prepared";
import type { Actor } from "@/server/services/access";
import { sessionCookieName } from "./session-cookie";

const statements = preparedPerHandle((db) => ({
  actorOfSession: db
    .select({ userId: users.id, isPlatformAdmin: users.isPlatformAdmin })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, sql.placeholder("token")), gt(sessions.expires, sql`now()`)))
    .prepare("api_session"),
}));

/** The signed-in person of an API request, or null. */
export async function actorOfApiRequest(db: DbOrTx, request: NextRequest, environment?: Record<string, string | undefined>): Promise<Actor | null> {
  const token = request.cookies.get(sessionCookieName(request.headers, environment))?.value;
  if (!token) return null;
  const [row] = await statements(db).actorOfSession.execute({ token });
  return row ? { userId: row.userId, isPlatformAdmin: row.isPlatformAdmin } : null;
}
