// The project's "Historique" and the admins' audit log: who changed what, when, field by field,
// said in words (history-text.ts).
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { historyFields, historySentence, type HistoryFacts, type Translate } from "./history-text";

type HistoryEntry = HistoryFacts & {
  id: number;
  at: Date;
  /** Shown in the audit log, where entries come from everywhere. */
  projectId?: string | null;
  projectTitle?: string | null;
};

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const t = useTranslations() as unknown as Translate;
  const tp = useTranslations("projectPage");
  const ta = useTranslations("audit");
  const format = useFormatter();
  if (entries.length === 0) return <p className="text-muted">{tp("historyEmpty")}</p>;
  return (
    <ol className="space-y-3">
      {entries.map((entry) => {
        const fields = historyFields(entry, t, format);
        return (
          <li key={entry.id} className="rounded-lg border border-line bg-white p-3">
            <p>{historySentence(entry, t)}</p>
            <p className="text-sm text-muted">
              {format.dateTime(entry.at, { dateStyle: "long", timeStyle: "short" })}
              {entry.projectId ? (
                <>
                  {" · "}
                  <Link href={`/projets/${entry.projectId}`}>{ta("project", { title: entry.projectTitle ?? tp("entities.project") })}</Link>
                </>
              ) : null}
            </p>
            {fields.length > 0 ? (
              <dl className="mt-2 space-y-1 text-sm">
                {fields.map((line) => (
                  <div key={line.field} className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                    <dt className="font-medium">{line.label}</dt>
                    <dd className="min-w-0 break-words">
                      {line.list ? (
                        <>
                          {line.added.map((item) => (
                            <ins key={`+${item}`} className="block no-underline">
                              + {item}
                            </ins>
                          ))}
                          {line.removed.map((item) => (
                            <del key={`-${item}`} className="block text-muted">
                              − {item}
                            </del>
                          ))}
                        </>
                      ) : line.before === null ? (
                        <ins className="no-underline">{line.after ?? "—"}</ins>
                      ) : (
                        <>
                          <del className="text-muted">{line.before}</del> → <ins className="no-underline">{line.after ?? "—"}</ins>
                        </>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
