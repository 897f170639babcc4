import { getTranslations } from "next-intl/server";
import { JoinAuthorityForm } from "@/components/organisations/join-authority-form";
import { Card, PageHeader } from "@/components/ui/primitives";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("organisation"))("joinTitle") };
}

export default async function JoinAuthorityPage() {
  await requireSignedIn("/collectivites/rejoindre");
  const t = await getTranslations("organisation");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t("joinTitle")} intro={t("joinIntro")} />
      <Card>
        <JoinAuthorityForm />
      </Card>
    </div>
  );
}
