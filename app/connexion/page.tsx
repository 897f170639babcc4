import { getFormatter, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { requestMagicLink, signInWithProConnect } from "@/app/actions";
import { TextField } from "@/components/ui/field";
import { Alert, Button, Card, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { currentActor } from "@/server/api/context";
import { DEMO_PEOPLE } from "@/server/domain/demo";
import { safeReturnPath } from "@/server/auth/return-path";
import { env } from "@/server/env";

type SearchParams = Promise<{ callbackUrl?: string; erreur?: string; reessayer?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl, erreur, reessayer } = await searchParams;
  const returnPath = safeReturnPath(callbackUrl, [env.APP_URL]);
  if (await currentActor()) redirect(returnPath);
  const t = await getTranslations("signIn");
  const td = await getTranslations("demo.people");
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-xl space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card>
        <form action={requestMagicLink} noValidate>
          <input type="hidden" name="callbackUrl" value={returnPath} />
          <TextField
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            label={t("email")}
            error={erreur === "email" ? t("invalidEmail") : null}
          />
          <Button type="submit">{t("submit")}</Button>
        </form>
      </Card>
      {env.PROCONNECT ? (
        <Card>
          <SectionTitle>{t("proConnectTitle")}</SectionTitle>
          <p className="mb-4">{t("proConnectIntro")}</p>
          <form action={signInWithProConnect}>
            <input type="hidden" name="callbackUrl" value={returnPath} />
            <Button type="submit">{t("proConnect")}</Button>
          </form>
          <p className="mt-2 text-sm">
            <a className="underline" href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener noreferrer">
              {t("proConnectWhat")}
            </a>
          </p>
        </Card>
      ) : null}
      {erreur === "limite" && reessayer && !Number.isNaN(Date.parse(reessayer)) ? (
        <Alert>{t("tooMany", { time: format.dateTime(new Date(reessayer), { hour: "2-digit", minute: "2-digit" }) })}</Alert>
      ) : erreur && erreur !== "email" ? (
        <Alert>{t("errorText")}</Alert>
      ) : null}
      {env.DEMO_MODE ? (
        <Card>
          <SectionTitle>{t("demoTitle")}</SectionTitle>
          <p className="mb-4 text-muted">{t("demoIntro")}</p>
          <ul className="grid gap-2">
            {DEMO_PEOPLE.map((person) => (
              <li key={person.key}>
                <form action="/api/demo/connexion" method="post">
                  <input type="hidden" name="email" value={person.email} />
                  <button
                    type="submit"
                    className="flex w-full cursor-pointer flex-col items-start rounded-lg border border-line px-4 py-2 text-left hover:border-brand hover:bg-brand-soft"
                  >
                    <span className="font-semibold">{t("demoAs", { name: person.name })}</span>
                    <span className="text-sm text-muted">{td(person.key)}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
