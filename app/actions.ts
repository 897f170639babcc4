"use server";
// Server actions behind the plain forms of the app: language, sign-in (emailed link, ProConnect), sign-out.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/server/auth";
import { proConnectSignOutUrl } from "@/server/auth/proconnect";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { safeReturnPath } from "@/server/auth/return-path";
import { env } from "@/server/env";
import { LOCALE_COOKIE, toLocale } from "@/server/i18n/config";
import { getDb } from "@/server/db";
import { clientIp } from "@/server/http";
import { LIMITS, peekRateLimit } from "@/server/services/rate-limits";
import { proConnectIdTokenOfSession } from "@/server/services/sessions";

/** Back to the page the person was on: only its path is kept, so the redirect stays on this site. */
async function refererPath(): Promise<string> {
  const referer = (await headers()).get("referer");
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

export async function setLocale(formData: FormData) {
  const locale = toLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  redirect(await refererPath());
}

const ZEmail = z.email().max(254);

export async function requestMagicLink(formData: FormData) {
  const email = ZEmail.safeParse(
    String(formData.get("email") ?? "")
      .trim()
      .toLowerCase(),
  );
  if (!email.success) redirect("/connexion?erreur=email");
  const ip = clientIp(await headers());
  for (const [rule, key] of [
    [LIMITS.signInPerAddress, email.data],
    [LIMITS.signInPerIp, ip],
  ] as const) {
    const answer = await peekRateLimit(getDb(), rule, key);
    if (!answer.ok) redirect(`/connexion?erreur=limite&reessayer=${encodeURIComponent(answer.retryAt.toISOString())}`);
  }
  await signIn("email", { email: email.data, redirectTo: safeReturnPath(formData.get("callbackUrl"), [env.APP_URL]) });
}

export async function signInWithProConnect(formData: FormData) {
  if (!env.PROCONNECT) redirect("/connexion");
  await signIn("proconnect", { redirectTo: safeReturnPath(formData.get("callbackUrl"), [env.APP_URL]) });
}

/** Ends the session here and, when ProConnect opened it, ProConnect's too (which then sends the person back home). */
export async function signOutAction() {
  const sessionToken = (await cookies()).get(sessionCookieName(await headers()))?.value;
  const idToken = env.PROCONNECT && sessionToken ? await proConnectIdTokenOfSession(getDb(), sessionToken) : null;
  if (!env.PROCONNECT || !idToken) {
    await signOut({ redirectTo: "/" });
    return;
  }
  await signOut({ redirect: false });
  redirect((await proConnectSignOutUrl(env.PROCONNECT, idToken, `${env.APP_URL}/`)) ?? "/");
}
