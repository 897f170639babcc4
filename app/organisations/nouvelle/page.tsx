import { getTranslations } from "next-intl/server";
import { NewCollectiveForm } from "@/components/organisations/new-collective-form";
import { Card, PageHeader } from "@/components/ui/primitives";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("organisation"))("newTitle") };
}

export default async function NewCollectivePage() {
  await requireSignedIn("/organisations/nouvelle");
  const t = await getTranslations("organisation");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t("newTitle")} intro={t("newIntro")} />
      <Card>
        <NewCollectiveForm />
      </Card>
    </div>
  );
}
