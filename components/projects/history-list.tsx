// The project's "Historique" and the admins' audit log: who changed what, when, field by field.
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";

type HistoryEntry = {
  id: number;
  at: Date;
  entity: string;
  action: string;
  changes: { field: string; before: unknown; after: unknown }[];
  actorName: string | null;
  actorEmail: string | null;
  /** Shown in the audit log, where entries come from everywhere. */
  entityId?: string;
  projectId?: string | null;
  projectTitle?: string | null;
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const t = useTranslations("projectPage");
  const ta = useTranslations("audit");
  const format = useFormatter();
  if (entries.length === 0) return <p className="text-muted">{t("historyEmpty")}</p>;
  return (
    <ol className="space-y-3">
      {entries.map((entry) => (
        <li key={entry.id} className="rounded-lg border border-line bg-white p-3">
          <p>
            <span className="font-medium">{entry.actorName ?? entry.actorEmail ?? "—"}</span>{" "}
            {t.has(`actions.${entry.action}` as "actions.create") ? t(`actions.${entry.action}` as "actions.create") : entry.action}{" "}
            {t.has(`entities.${entry.entity}` as "entities.project") ? t(`entities.${entry.entity}` as "entities.project") : entry.entity}
          </p>
          <p className="text-sm text-muted">
            {format.dateTime(entry.at, { dateStyle: "long", timeStyle: "short" })}
            {entry.projectId ? (
              <>
                {" · "}
                <Link href={`/projets/${entry.projectId}`}>{ta("project", { title: entry.projectTitle ?? entry.projectId })}</Link>
              </>
            ) : null}
            {entry.entityId !== undefined && entry.entityId !== entry.projectId ? <> · {ta("record", { id: entry.entityId })}</> : null}
          </p>
          {entry.changes.length > 0 ? (
            <dl className="mt-2 space-y-1 text-sm">
              {entry.changes.map((change) => (
                <div key={change.field} className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                  <dt className="font-medium">
                    {t.has(`fields.${change.field}` as "fields.title") ? t(`fields.${change.field}` as "fields.title") : change.field}
                  </dt>
                  <dd className="break-words">
                    <del className="text-muted">{show(change.before)}</del> → <ins className="no-underline">{show(change.after)}</ins>
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
