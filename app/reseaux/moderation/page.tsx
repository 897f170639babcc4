import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { wholeTimelineHref } from "@/components/gradient/timeline-events";
import { MediationNoteForm } from "@/components/moderation/mediation-note-form";
import { ReasonAction } from "@/components/moderation/reason-action";
import { Badge, Card, EmptyState, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";
import { ofFrench } from "@/server/domain/french";

export async function generateMetadata() {
  return { title: (await getTranslations("moderation"))("title") };
}

export default async function ModerationPage() {
  await requireSignedIn("/reseaux/moderation");
  const t = await getTranslations("moderation");
  const format = await getFormatter();
  const api = await serverApi();
  const [queue, contested] = await Promise.all([api.moderation.queue(), api.moderation.contested()]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long" });
  // A milestone may be older than the few the project's overview shows: link to the whole timeline.
  const contentHref = (content: { kind: "comment" | "milestone"; projectId: string }) =>
    content.kind === "milestone" ? wholeTimelineHref(content.projectId) : `/projets/${content.projectId}`;
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />

      <section aria-labelledby="reported">
        <SectionTitle id="reported">{t("reported")}</SectionTitle>
        {queue.reported.length === 0 ? (
          <EmptyState>{t("reportedEmpty")}</EmptyState>
        ) : (
          <ul className="space-y-3">
            {queue.reported.map((content) => (
              <li key={`${content.kind}-${content.id}`}>
                <Card>
                  <p className="text-sm text-muted">
                    {t(content.kind, { author: content.authorName ?? "—", ofAuthor: ofFrench(content.authorName ?? "—") })} ·{" "}
                    <Link href={contentHref(content)}>{content.projectTitle}</Link>
                  </p>
                  <blockquote className="my-2 border-l-4 border-line pl-3 whitespace-pre-line break-words">{content.text}</blockquote>
                  <ul className="mb-2 space-y-2">
                    {content.reports.map((report) => (
                      <li key={report.id} className="flex flex-wrap items-center gap-2 text-sm">
                        <Badge tone="warn">{t("report")}</Badge>
                        <span className="flex-1">
                          {t("reportLine", { name: report.reporterName ?? "—", date: day(report.createdAt), reason: report.reason })}
                        </span>
                        <ReasonAction target={{ action: "dismiss", reportId: report.id }} label={t("dismiss")} about={content.text.slice(0, 60)} />
                      </li>
                    ))}
                  </ul>
                  <ReasonAction target={{ action: "hide", kind: content.kind, contentId: content.id }} label={t("hide")} about={content.text.slice(0, 60)} />
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="contested">
        <SectionTitle id="contested">{t("contested")}</SectionTitle>
        {contested.length === 0 ? (
          <EmptyState>{t("contestedEmpty")}</EmptyState>
        ) : (
          <ul className="space-y-3">
            {contested.map((row) => (
              <li key={`${row.milestoneId}-${row.relationshipId}`}>
                <Card>
                  <p className="font-medium">
                    <Link href={wholeTimelineHref(row.projectId)}>{row.projectTitle}</Link> — {row.title} (
                    {format.dateTime(new Date(`${row.occursOn}T12:00:00Z`), { dateStyle: "long" })})
                  </p>
                  <p className="text-sm text-muted">{t("recordedBy", { side: row.recordedSide })}</p>
                  <p className="text-sm text-muted">
                    {t("contestedLine", { authority: row.authorityName, name: row.contestedByName ?? "—", date: row.contestedAt ? day(row.contestedAt) : "—" })}
                  </p>
                  {row.comment ? <blockquote className="my-2 border-l-4 border-line pl-3 whitespace-pre-line">{row.comment}</blockquote> : null}
                  {row.notes.length > 0 ? (
                    <ul className="mt-2 space-y-1 border-l-2 border-stage-collaboration pl-3 text-sm" aria-label={t("notes")}>
                      {row.notes.map((note) => (
                        <li key={note.createdAt.toISOString()}>
                          <span className="text-muted">
                            {day(note.createdAt)} · {note.authorName ?? "—"} :{" "}
                          </span>
                          {note.text}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <MediationNoteForm milestoneId={row.milestoneId} relationshipId={row.relationshipId} />
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="hidden">
        <SectionTitle id="hidden">{t("hidden")}</SectionTitle>
        {queue.hidden.length === 0 ? (
          <EmptyState>{t("hiddenEmpty")}</EmptyState>
        ) : (
          <ul className="divide-y divide-line rounded-xl border border-line bg-white">
            {queue.hidden.map((content) => (
              <li key={`${content.kind}-${content.id}`} className="flex flex-wrap items-center gap-2 p-3">
                <div className="flex-1">
                  <p className="text-sm text-muted">
                    {t(content.kind, { author: content.authorName ?? "—", ofAuthor: ofFrench(content.authorName ?? "—") })} ·{" "}
                    <Link href={contentHref(content)}>{content.projectTitle}</Link>
                  </p>
                  <p className="break-words">{content.text.slice(0, 200)}</p>
                </div>
                <ReasonAction
                  target={{ action: "restore", kind: content.kind, contentId: content.id }}
                  label={t("restore")}
                  about={content.text.slice(0, 60)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
