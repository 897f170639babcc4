// Auth.js's configuration: email magic links, database sessions (revocable), and the session
// shape the app reads. Kept apart from NextAuth() so the API's session lookup and the tests can
// hold it against Auth.js itself.
import type { AdapterSession } from "@auth/core/adapters";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { NextAuthConfig } from "next-auth";
import type { EmailConfig } from "next-auth/providers/email";
import type { Database } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getDb, getReadReplicas } from "@/server/db";
import { authSecret, env } from "@/server/env";
import { mailTranslator } from "@/server/i18n/messages";
import { clientIp } from "@/server/http";
import { sendMail } from "@/server/services/mail";
import { LIMITS, consumeRateLimit } from "@/server/services/rate-limits";
import { recogniseAuthorityBySiret } from "@/server/services/siret-recognition";
import { MAGIC_LINK_MAX_AGE_SECONDS, confirmationPageUrl } from "./magic-link";
import { PROCONNECT_PROVIDER_ID, type ProConnectSettings, proConnectProvider } from "./proconnect";
import { safeReturnPath } from "./return-path";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";

const emailProvider: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  from: env.MAIL_FROM,
  maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
  async sendVerificationRequest({ identifier, url, request }) {
    // The limits hold here, where every sign-in email goes out, whichever way it was asked for.
    const db = getDb();
    for (const [rule, key] of [
      [LIMITS.signInPerAddress, identifier],
      [LIMITS.signInPerIp, clientIp(request.headers)],
    ] as const) {
      const answer = await consumeRateLimit(db, rule, key);
      if (!answer.ok) throw new Error(`sign-in email limit reached for ${rule.bucket}`);
    }
    const t = mailTranslator();
    const link = confirmationPageUrl(url, env.APP_URL);
    await sendMail(db, {
      to: identifier,
      subject: t("signIn.subject"),
      text: t("signIn.text", { url: link, minutes: MAGIC_LINK_MAX_AGE_SECONDS / 60 }),
    });
  },
  options: {},
};

/** `proConnect`: ProConnect's settings (env by default; the tests pass their stand-in's), null for none. */
export function authConfig(db: Database, proConnect: ProConnectSettings | null = env.PROCONNECT): NextAuthConfig {
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  // The configuration is built for each request: what the signIn callback learns of this sign-in
  // is the session's that createSession then opens, in the same request.
  let proConnectIdToken: string | null = null;
  return {
    adapter: {
      ...adapter,
      createSession: (session) => adapter.createSession!({ ...session, proconnectIdToken: proConnectIdToken } as AdapterSession),
    },
    secret: authSecret(),
    trustHost: true,
    // The sessions Auth.js opens last as long as those the app opens itself (openSession).
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [emailProvider, ...(proConnect ? [proConnectProvider(proConnect)] : [])],
    pages: {
      signIn: "/connexion",
      verifyRequest: "/connexion/verification",
      error: "/connexion/erreur",
    },
    events: {
      async signIn({ user, account, profile }) {
        if (account?.provider === PROCONNECT_PROVIDER_ID && user.id && typeof profile?.siret === "string") {
          try {
            await recogniseAuthorityBySiret(db, user.id, profile.siret);
          } catch (error) {
            // The person is signed in all the same; their authority can still verify them by hand.
            console.error("ProConnect: the SIRET could not be recognised", error);
          }
        }
        // A first sign-in creates the person (and ProConnect may have made them a member): with
        // read replicas, their first pages on this instance wait for a replica that has it.
        if (user.id) await getReadReplicas()?.rememberWrite(user.id);
      },
    },
    callbacks: {
      signIn({ account }) {
        proConnectIdToken = account?.provider === PROCONNECT_PROVIDER_ID ? (account.id_token ?? null) : null;
        return true;
      },
      // Redirects stay on this site and are relative, so the browser keeps the host it used even
      // when the server sees another one (a proxy, or `next start` naming itself localhost).
      redirect({ url, baseUrl }) {
        return safeReturnPath(url, [baseUrl, env.APP_URL]);
      },
      session({ session, user }) {
        session.user.id = user.id;
        session.user.isPlatformAdmin = user.isPlatformAdmin === true;
        return session;
      },
    },
  };
}
