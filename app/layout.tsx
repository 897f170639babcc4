import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/layout/client-messages";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { OfflineStatus } from "@/components/offline/offline-status";
import { versionTime } from "@/components/offline/version-time";
import { currentAccount, serverApi } from "@/server/api/server";
import { currentActor } from "@/server/api/context";
import { env } from "@/server/env";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d5c4f" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const actor = await currentActor();
  const api = actor ? await serverApi() : null;
  const [account, unread] = api ? await Promise.all([currentAccount(), api.notification.unreadCount()]) : [null, 0];
  const person = account
    ? {
        id: account.id,
        name: account.name,
        email: account.email,
        isPlatformAdmin: account.isPlatformAdmin,
        actsFor: account.actsForMost?.name ?? null,
        otherOrganisations: Math.max(0, account.memberships.length - 1),
        canCreateProject: account.memberships.some((membership) => membership.kind === "collective"),
        unread,
      }
    : null;
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        <ClientMessages>
          <SiteHeader person={person} demoMode={env.DEMO_MODE} />
          <OfflineStatus userId={person?.id ?? null} version={versionTime(new Date(), locale === "en" ? "en" : "fr")} />
          <main id="contenu" className="mx-auto max-w-5xl px-4 py-8">
            {children}
          </main>
          <SiteFooter demoMode={env.DEMO_MODE} />
        </ClientMessages>
      </body>
    </html>
  );
}
