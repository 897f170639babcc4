import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card, PageHeader, SectionTitle } from "@/components/ui/primitives";

const SECTIONS = ["account", "contributions", "history", "delivery", "rights"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("privacy"))("title") };
}

export default async function PrivacyPage() {
  const t = await getTranslations("privacy");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader title={t("title")} intro={t("intro")} />
      {SECTIONS.map((section) => (
        <Card key={section}>
          <SectionTitle>{t(`sections.${section}.title`)}</SectionTitle>
          <p>{t(`sections.${section}.body`)}</p>
        </Card>
      ))}
      <p>
        <Link href="/compte">{t("accountLink")}</Link>
      </p>
    </div>
  );
}
