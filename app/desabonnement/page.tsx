import { getTranslations } from "next-intl/server";
import { Alert, Button, ButtonLink, Card, PageHeader } from "@/components/ui/primitives";
import { readUnsubscribeToken } from "@/server/services/email-notifications";

type SearchParams = Promise<{ jeton?: string; fait?: string }>;

// The link in the email body lands here: a scanner's visit changes nothing, the button does.
export default async function UnsubscribePage({ searchParams }: { searchParams: SearchParams }) {
  const { jeton, fait } = await searchParams;
  const t = await getTranslations("unsubscribe");
  if (fait) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <PageHeader title={t("title")} />
        <Alert tone="success">{t("done")}</Alert>
        <ButtonLink href="/compte">{t("preferences")}</ButtonLink>
      </div>
    );
  }
  const read = jeton ? readUnsubscribeToken(jeton) : null;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageHeader title={t("title")} />
      {read ? (
        <Card>
          <p className="mb-4">{read.kind === "digest" ? t("confirmDigest") : t("confirmKind", { kind: t(`kinds.${read.kind}`) })}</p>
          <form method="post" action={`/api/desabonnement?jeton=${encodeURIComponent(jeton ?? "")}`}>
            <Button type="submit">{t("button")}</Button>
          </form>
        </Card>
      ) : (
        <Alert>{t("invalid")}</Alert>
      )}
    </div>
  );
}
