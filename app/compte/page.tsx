import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { EmailPreferences } from "@/components/account/email-preferences";
import { PersonalData } from "@/components/account/personal-data";
import { ProfileForm } from "@/components/account/profile-form";
import { Badge, Card, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { currentAccount, serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  await requireSignedIn("/compte");
  const t = await getTranslations("account");
  const tk = await getTranslations("kinds");
  const tr = await getTranslations("roles");
  const to = await getTranslations("offices");
  const tc = await getTranslations("common");
  const api = await serverApi();
  const [account, preferences] = await Promise.all([currentAccount(), api.account.emailPreferences()]);
  const te = await getTranslations("emailPrefs");
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={t("title")} />
      <Card>
        <p className="mb-4">
          <span className="font-medium">{t("email")} :</span> {account.email}
        </p>
        {account.isPlatformAdmin ? (
          <p className="mb-4">
            <Badge tone="good">{t("platformAdmin")}</Badge>
          </p>
        ) : null}
        <ProfileForm name={account.name ?? ""} />
      </Card>
      <Card>
        <SectionTitle>{t("organisations")}</SectionTitle>
        <ul className="divide-y divide-line">
          {account.memberships.map((membership) => (
            <li key={membership.membershipId} className="flex flex-wrap items-center gap-2 py-3">
              <Link href={`/organisations/${membership.organisationId}`} className="font-medium">
                {membership.organisationName}
              </Link>
              <Badge>{tk(membership.kind)}</Badge>
              <span className="text-sm">{tr(membership.role)}</span>
              {membership.office ? <span className="text-sm text-muted">{to(membership.office)}</span> : null}
              {membership.kind === "authority" ? (
                <Badge tone={membership.verified ? "good" : "warn"}>{membership.verified ? tc("verified") : tc("unverified")}</Badge>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <SectionTitle>{te("title")}</SectionTitle>
        <EmailPreferences preferences={preferences} />
      </Card>
      <Card>
        <SectionTitle>{t("dataTitle")}</SectionTitle>
        <p className="mb-4 text-sm">
          <Link href="/confidentialite">{t("privacyLink")}</Link>
        </p>
        <PersonalData />
      </Card>
    </div>
  );
}
