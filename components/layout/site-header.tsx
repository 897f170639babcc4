// The header on every page: who is signed in, where to go, the language, signing out.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions";
import { OutboxLink } from "@/components/offline/outbox-link";
import { SignOutForm } from "@/components/offline/sign-out-form";
import { Badge } from "@/components/ui/primitives";

type HeaderPerson = {
  id: string;
  name: string | null;
  email: string;
  isPlatformAdmin: boolean;
  /** The organisation the person acts for most, and how many others they belong to. */
  actsFor: string | null;
  otherOrganisations: number;
  /** Only a collective's member starts a project: an official's menu does not lead with it. */
  canCreateProject: boolean;
  unread: number;
};

export async function SiteHeader({ person, demoMode }: { person: HeaderPerson | null; demoMode: boolean }) {
  const t = await getTranslations("nav");
  const tc = await getTranslations("common");
  const tn = await getTranslations("notifications");
  const linkClass = "rounded-md px-2 py-1.5 text-[0.95rem] font-medium text-ink no-underline hover:bg-brand-soft";
  return (
    <header className="border-b border-line bg-white print:hidden">
      <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("skip")}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-xl font-bold text-brand no-underline">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-7 w-7" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M3 6h18M3 12h18M3 18h18M6 3v18M12 3v18M18 3v18" opacity=".35" />
            <circle cx="6" cy="18" r="2.2" fill="currentColor" />
            <circle cx="12" cy="12" r="2.2" fill="currentColor" />
            <circle cx="18" cy="6" r="2.2" fill="currentColor" />
          </svg>
          Maillage
        </Link>
        {demoMode ? <Badge tone="warn">{tc("demoBadge")}</Badge> : null}
        <nav aria-label={t("menu")} className="ml-auto flex flex-wrap items-center gap-1">
          {person ? (
            <>
              <Link href="/" className={linkClass}>
                {t("home")}
              </Link>
              {person.canCreateProject ? (
                <Link href="/projets/nouveau" className={linkClass}>
                  {t("newProject")}
                </Link>
              ) : null}
              <Link href="/suivis" className={linkClass}>
                {t("followed")}
              </Link>
              <OutboxLink userId={person.id} className={`${linkClass} bg-amber-100`} />
              <Link href="/notifications" className={`${linkClass} relative`} aria-label={tn("bell", { count: person.unread })}>
                <svg aria-hidden="true" viewBox="0 0 24 24" className="inline h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
                  <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
                </svg>
                {person.unread > 0 ? (
                  <span aria-hidden="true" className="absolute -top-1 -right-1 min-w-5 rounded-full bg-accent px-1 text-center text-xs text-white">
                    {person.unread}
                  </span>
                ) : null}
              </Link>
              {person.isPlatformAdmin ? (
                <Link href="/admin" className={linkClass}>
                  {t("admin")}
                </Link>
              ) : null}
              <Link href="/compte" className={`${linkClass} flex flex-col leading-tight`}>
                <span>{person.name ?? person.email}</span>
                {person.actsFor ? (
                  <span className="max-w-56 truncate text-xs font-normal text-muted">
                    {person.otherOrganisations > 0 ? t("actsForAndOthers", { name: person.actsFor, count: person.otherOrganisations }) : person.actsFor}
                  </span>
                ) : null}
              </Link>
              <SignOutForm action={signOutAction}>
                <button type="submit" className={`${linkClass} cursor-pointer text-brand`}>
                  {t("signOut")}
                </button>
              </SignOutForm>
            </>
          ) : (
            <>
              <Link href="/observatoire" className={linkClass}>
                {t("observatory")}
              </Link>
              <Link href="/connexion" className={linkClass}>
                {t("signIn")}
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
