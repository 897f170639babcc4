import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert, Button, Card, PageHeader } from "@/components/ui/primitives";
import { authCallbackPath } from "@/server/auth/magic-link";
import { safeReturnPath } from "@/server/auth/return-path";
import { env } from "@/server/env";

type SearchParams = Promise<{ token?: string; email?: string; callbackUrl?: string }>;

// The emailed link lands here; a mail scanner's visit changes nothing, the button's POST signs in.
export default async function ConfirmSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { token, email, callbackUrl } = await searchParams;
  const t = await getTranslations("signIn");
  if (!token || !email) {
    return (
      <div className="mx-auto max-w-xl">
        <PageHeader title={t("confirmTitle")} />
        <Alert>{t("invalidLink")}</Alert>
        <p className="mt-4">
          <Link href="/connexion">{t("retry")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("confirmTitle")} />
      <Card>
        {/* A plain POST to Auth.js's callback: it reads the token from the query and signs in. */}
        <form method="post" action={authCallbackPath({ token, email, callbackUrl: callbackUrl ? safeReturnPath(callbackUrl, [env.APP_URL]) : undefined })}>
          <p className="mb-4">{t("confirmText", { email })}</p>
          <Button type="submit">{t("confirm")}</Button>
        </form>
      </Card>
    </div>
  );
}
