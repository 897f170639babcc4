import { getTranslations } from "next-intl/server";
import { ButtonLink, Card, PageHeader } from "@/components/ui/primitives";

export default async function SignInErrorPage() {
  const t = await getTranslations("signIn");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("errorTitle")} />
      <Card>
        <p className="mb-4">{t("errorText")}</p>
        <ButtonLink href="/connexion">{t("retry")}</ButtonLink>
      </Card>
    </div>
  );
}
