// The footer: the other language, the outbox in demo mode, and where the gradient comes from.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/app/actions";

export async function SiteFooter({ demoMode }: { demoMode: boolean }) {
  const t = await getTranslations("footer");
  const locale = await getLocale();
  const otherLocale = locale === "fr" ? "en" : "fr";
  return (
    <footer className="mt-12 border-t border-line print:hidden">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-6 text-sm text-muted">
        <p className="mr-auto max-w-xl">{t("credit")}</p>
        <Link href="/observatoire">{t("observatory")}</Link>
        <Link href="/confidentialite">{t("privacy")}</Link>
        {demoMode ? <Link href="/dev/courriels">{t("outbox")}</Link> : null}
        <form action={setLocale}>
          <input type="hidden" name="locale" value={otherLocale} />
          <button type="submit" lang={otherLocale} className="cursor-pointer font-medium text-brand underline underline-offset-2">
            {t("switchLanguage")}
          </button>
        </form>
      </div>
    </footer>
  );
}
