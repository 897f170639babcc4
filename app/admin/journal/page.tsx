import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HistoryList } from "@/components/projects/history-list";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert, Button, ButtonLink, Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { ZAuditSearchInput } from "@/server/api/routers/audit.schema";
import { serverApi } from "@/server/api/server";
import { CHANGE_ENTITIES } from "@/server/domain/change-log";
import { requireSignedIn } from "@/server/auth/guard";

const FILTERS = ["person", "subject", "project", "entity", "recordId", "from", "to", "before"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSignedIn("/admin/journal");
  if (!actor.isPlatformAdmin) notFound();
  const t = await getTranslations("audit");
  const tp = await getTranslations("projectPage");
  const params = await searchParams;
  const given = Object.fromEntries(
    FILTERS.flatMap((name) => {
      const value = params[name];
      return typeof value === "string" && value.trim() !== "" ? [[name, name === "before" ? Number(value) : value]] : [];
    }),
  );
  const parsed = ZAuditSearchInput.safeParse(given);
  const api = await serverApi();
  const result = parsed.success ? await api.audit.search(parsed.data) : null;
  const olderHref = (before: number) =>
    `/admin/journal?${new URLSearchParams({
      ...Object.fromEntries(
        Object.entries(given)
          .filter(([name]) => name !== "before")
          .map(([name, value]) => [name, String(value)]),
      ),
      before: String(before),
    })}`;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card>
        <form method="get" className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <TextField id="person" name="person" label={t("person")} defaultValue={typeof given.person === "string" ? given.person : ""} />
          <TextField id="subject" name="subject" label={t("subject")} defaultValue={typeof given.subject === "string" ? given.subject : ""} />
          <TextField id="project" name="project" label={t("projectFilter")} defaultValue={typeof given.project === "string" ? given.project : ""} />
          <SelectField id="entity" name="entity" label={t("entity")} defaultValue={typeof given.entity === "string" ? given.entity : ""}>
            <option value="">{t("anyEntity")}</option>
            {CHANGE_ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {tp(`entities.${entity}`)}
              </option>
            ))}
          </SelectField>
          <TextField id="recordId" name="recordId" label={t("recordId")} defaultValue={typeof given.recordId === "string" ? given.recordId : ""} />
          <TextField id="from" name="from" type="date" label={t("from")} defaultValue={typeof given.from === "string" ? given.from : ""} />
          <TextField id="to" name="to" type="date" label={t("to")} defaultValue={typeof given.to === "string" ? given.to : ""} />
          <div className="flex flex-wrap items-end gap-2 pb-4">
            <Button type="submit">{t("search")}</Button>
            <ButtonLink href="/admin/journal" variant="quiet">
              {t("reset")}
            </ButtonLink>
          </div>
        </form>
        {parsed.success ? null : <Alert>{parsed.error.issues.map((issue) => issue.message).join(" ")}</Alert>}
      </Card>
      {result ? (
        result.entries.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <>
            <HistoryList entries={result.entries} />
            {result.nextBefore ? <Link href={olderHref(result.nextBefore)}>{t("older")}</Link> : null}
          </>
        )
      ) : null}
    </div>
  );
}
