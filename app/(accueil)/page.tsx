import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { NamePrompt } from "@/components/account/name-prompt";
import { AwaitingList } from "@/components/desk/awaiting-list";
import { GradientLadder } from "@/components/gradient/gradient-ladder";
import { ProjectList } from "@/components/projects/project-list";
import { Badge, ButtonLink, Card, EmptyState, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { currentActor } from "@/server/api/context";
import { currentAccount, serverApi } from "@/server/api/server";

export default async function HomePage() {
  const actor = await currentActor();
  return actor ? <Dashboard /> : <Landing />;
}

async function Landing() {
  const t = await getTranslations("landing");
  return (
    <div className="space-y-10">
      <PageHeader title={t("title")} intro={t("intro")}>
        <ButtonLink href="/connexion">{t("cta")}</ButtonLink>
      </PageHeader>
      <section aria-labelledby="gradient-title">
        <SectionTitle id="gradient-title">{t("gradientTitle")}</SectionTitle>
        <p className="mb-4 text-muted">{t("gradientIntro")}</p>
        <GradientLadder />
      </section>
    </div>
  );
}

async function Dashboard() {
  const t = await getTranslations("home");
  const tk = await getTranslations("kinds");
  const tr = await getTranslations("roles");
  const to = await getTranslations("offices");
  const tc = await getTranslations("common");
  const api = await serverApi();
  const [account, projects, awaiting] = await Promise.all([currentAccount(), api.project.listMine(), api.desk.awaiting()]);
  const collectives = account.memberships.filter((membership) => membership.kind === "collective");
  const authorities = account.memberships.filter((membership) => membership.kind === "authority");
  const moderatesNetwork = account.memberships.some((membership) => membership.kind === "network");
  const ta = await getTranslations("account");
  return (
    <div className="space-y-8">
      {account.askName ? (
        <NamePrompt
          canSkip={account.askName === "withSkip"}
          words={{
            title: ta("namePrompt.title"),
            intro: ta("namePrompt.intro"),
            givenName: ta("namePrompt.givenName"),
            familyName: ta("namePrompt.familyName"),
            save: ta("namePrompt.save"),
            later: ta("namePrompt.later"),
            error: tc("error"),
          }}
        />
      ) : null}
      <PageHeader title={account.name ? t("greeting", { name: account.name }) : t("greetingNoName")}>
        {collectives.length > 0 ? <ButtonLink href="/projets/nouveau">{t("createProject")}</ButtonLink> : null}
      </PageHeader>

      <AwaitingList awaiting={awaiting} />

      {authorities.length > 0 ? (
        <Card>
          <SectionTitle>{t("myTerritories")}</SectionTitle>
          <ul className="space-y-2">
            {authorities.map((authority) => (
              <li key={authority.organisationId}>
                {authority.verified ? (
                  <Link href={`/territoire/${authority.organisationId}`} className="font-medium">
                    {t("territoryLink", { name: authority.organisationName })}
                  </Link>
                ) : (
                  <p className="text-muted">{t("awaitingVerification", { name: authority.organisationName })}</p>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {moderatesNetwork ? (
        <Card>
          <ul className="space-y-2">
            <li>
              <Link href="/reseaux" className="font-medium">
                {t("networks")}
              </Link>
            </li>
            <li>
              <Link href="/reseaux/demandes" className="font-medium">
                {t("network")}
              </Link>
            </li>
            <li>
              <Link href="/reseaux/moderation" className="font-medium">
                {(await getTranslations("moderation"))("link")}
              </Link>
            </li>
          </ul>
        </Card>
      ) : null}

      <section aria-labelledby="my-projects">
        <SectionTitle id="my-projects">{t("myProjects")}</SectionTitle>
        {projects.length > 0 ? (
          <ProjectList projects={projects} />
        ) : collectives.length === 0 && authorities.length > 0 ? (
          <EmptyState>{t("noProjectsOfficial")}</EmptyState>
        ) : (
          <EmptyState
            action={
              collectives.length > 0 ? (
                <ButtonLink href="/projets/nouveau">{t("createProject")}</ButtonLink>
              ) : (
                <ButtonLink href="/organisations/nouvelle">{t("createCollective")}</ButtonLink>
              )
            }
          >
            {collectives.length > 0 ? t("noProjectsCollective") : t("noProjectsNoCollective")}
          </EmptyState>
        )}
      </section>

      <section aria-labelledby="my-organisations">
        <SectionTitle id="my-organisations">{t("myOrganisations")}</SectionTitle>
        {account.memberships.length > 0 ? (
          <ul className="divide-y divide-line rounded-xl border border-line bg-white">
            {account.memberships.map((membership) => (
              <li key={membership.membershipId} className="flex flex-wrap items-center gap-2 p-4">
                <Link href={`/organisations/${membership.organisationId}`} className="font-medium">
                  {membership.organisationName}
                </Link>
                <Badge>{tk(membership.kind)}</Badge>
                <span className="text-sm text-muted">{membership.office ? to(membership.office) : tr(membership.role)}</span>
                {membership.kind === "authority" ? (
                  <Badge tone={membership.verified ? "good" : "warn"}>{membership.verified ? tc("verified") : tc("unverified")}</Badge>
                ) : null}
                {membership.kind === "authority" && !membership.verified ? (
                  <p className="w-full text-sm">
                    <Link href={`/organisations/${membership.organisationId}`}>
                      {membership.verifiers.length > 0
                        ? t("verifiedBy", {
                            names: membership.verifiers
                              .map((verifier) => (verifier.office ? `${verifier.name ?? "—"} (${to(verifier.office)})` : (verifier.name ?? "—")))
                              .join(", "),
                          })
                        : t("verifiedByTeam")}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>{t("noOrganisations")}</EmptyState>
        )}
        <div className="mt-4 flex flex-wrap gap-2">
          <ButtonLink href="/organisations/nouvelle" variant="secondary">
            {t("createCollective")}
          </ButtonLink>
          <ButtonLink href="/collectivites/rejoindre" variant="secondary">
            {t("joinAuthority")}
          </ButtonLink>
        </div>
      </section>
    </div>
  );
}
