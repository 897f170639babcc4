import { getTranslations } from "next-intl/server";
import { ButtonLink, PageHeader } from "@/components/ui/primitives";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} intro={t("text")} />
      <ButtonLink href="/">{t("home")}</ButtonLink>
    </div>
  );
}
