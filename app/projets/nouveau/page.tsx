import { getTranslations } from "next-intl/server";
import { NewProjectForm } from "@/components/projects/new-project-form";
import { ButtonLink, Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { currentAccount } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("project"))("newTitle") };
}

export default async function NewProjectPage() {
  await requireSignedIn("/projets/nouveau");
  const t = await getTranslations("project");
  const th = await getTranslations("home");
  const account = await currentAccount();
  const collectives = account.memberships
    .filter((membership) => membership.kind === "collective")
    .map((membership) => ({ id: membership.organisationId, name: membership.organisationName }));
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t("newTitle")} intro={t("newIntro")} />
      {collectives.length > 0 ? (
        <Card>
          <NewProjectForm collectives={collectives} />
        </Card>
      ) : (
        <EmptyState action={<ButtonLink href="/organisations/nouvelle">{th("createCollective")}</ButtonLink>}>{t("needCollective")}</EmptyState>
      )}
    </div>
  );
}
