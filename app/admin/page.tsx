import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreateNetworkForm } from "@/components/admin/create-network-form";
import { VerifyButton } from "@/components/organisations/verify-button";
import { PublicRequestList } from "@/components/projects/public-request-list";
import { Badge, ButtonLink, Card, EmptyState, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminPage() {
  const actor = await requireSignedIn("/admin");
  if (!actor.isPlatformAdmin) notFound();
  const t = await getTranslations("admin");
  const to = await getTranslations("offices");
  const ta = await getTranslations("audit");
  const format = await getFormatter();
  const api = await serverApi();
  const [pending, publicRequests] = await Promise.all([api.organisation.pendingVerifications(), api.project.publicRequests()]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")}>
        <ButtonLink href="/admin/journal" variant="secondary">
          {ta("link")}
        </ButtonLink>
      </PageHeader>
      <Card>
        <SectionTitle>{t("pending")}</SectionTitle>
        {pending.length === 0 ? (
          <EmptyState>{t("noPending")}</EmptyState>
        ) : (
          <ul className="divide-y divide-line">
            {pending.map((request) => (
              <li key={request.membershipId} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-3">
                <span className="font-medium">{request.name ?? request.email}</span>
                <span className="text-sm text-muted">
                  {request.office ? to(request.office) : null} · <Link href={`/organisations/${request.organisationId}`}>{request.organisationName}</Link> ·{" "}
                  {t("requestedOn", { date: format.dateTime(request.requestedAt, { dateStyle: "long" }) })}
                </span>
                {request.noVerifiedAdmin ? (
                  <>
                    <Badge tone="warn">{t("noVerifiedAdmin")}</Badge>
                    <VerifyButton membershipId={request.membershipId} personName={request.name ?? request.email} />
                  </>
                ) : (
                  // The authority's own verified admin vouches for its people: the team is only the fallback.
                  <span className="text-sm text-muted">{t("authorityVerifies")}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <PublicRequestList requests={publicRequests} />
      <Card>
        <SectionTitle>{t("networkTitle")}</SectionTitle>
        <CreateNetworkForm />
      </Card>
    </div>
  );
}
