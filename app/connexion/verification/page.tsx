import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/primitives";
import { env } from "@/server/env";

export default async function CheckEmailPage() {
  const t = await getTranslations("signIn");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("checkTitle")} />
      <Card>
        <p>{t("checkText")}</p>
        {env.DEMO_MODE && !env.SMTP_URL ? (
          <p className="mt-4">
            <Link href="/dev/courriels">{t("checkOutbox")}</Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
