import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { CalendarFeed } from "@/components/conversation/calendar-feed";
import { Card, EmptyState, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("followed"))("title") };
}

export default async function FollowedPage() {
  await requireSignedIn("/suivis");
  const t = await getTranslations("followed");
  const format = await getFormatter();
  const api = await serverApi();
  const [followed, calendar] = await Promise.all([api.follow.list(), api.calendar.feed()]);
  const tcal = await getTranslations("calendar");
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      {followed.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {followed.map((project) => {
            const hasNews = project.newChanges > 0;
            const kinds = [...new Set(project.newKinds.map((kind) => kind.split(":")[0] ?? ""))];
            return (
              <li
                key={project.projectId}
                className={`rounded-xl border p-4 shadow-sm ${hasNews ? "border-accent border-l-8 bg-orange-50" : "border-line bg-white"}`}
              >
                <Link href={`/projets/${project.projectId}`} className="text-lg font-semibold">
                  {project.title}
                </Link>
                <p className={`mt-1 ${hasNews ? "font-medium text-ink" : "text-muted"}`}>{hasNews ? t("news", { count: project.newChanges }) : t("noNews")}</p>
                {hasNews ? (
                  <p className="text-sm">
                    {kinds.map((kind) => (t.has(`kinds.${kind}` as "kinds.milestone") ? t(`kinds.${kind}` as "kinds.milestone") : kind)).join(" · ")}
                  </p>
                ) : null}
                <p className="mt-1 text-sm text-muted">
                  {t("lastVisit", { date: format.dateTime(project.lastVisitedAt, { dateStyle: "long", timeStyle: "short" }) })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <Card className="mt-8">
        <SectionTitle>{tcal("title")}</SectionTitle>
        <CalendarFeed url={calendar.url} />
      </Card>
    </div>
  );
}
