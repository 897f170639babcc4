import { getTranslations } from "next-intl/server";
import { ButtonLink, Card, PageHeader } from "@/components/ui/primitives";

type SearchParams = Promise<{ error?: string }>;

/** Auth.js sends here with `error=Verification` for an emailed link that expired or served; anything else is another failure (ProConnect's). */
export default async function SignInErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = await searchParams;
  const t = await getTranslations("signIn");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("errorTitle")} />
      <Card>
        <p className="mb-4">{error === "Verification" || error === undefined ? t("errorText") : t("errorTextOther")}</p>
        <ButtonLink href="/connexion">{t("retry")}</ButtonLink>
      </Card>
    </div>
  );
}
