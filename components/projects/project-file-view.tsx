// The project file as read by everyone who may see it.
import { useFormatter, useTranslations } from "next-intl";
import type { EditableFile } from "./project-file-form";
import { safeHref } from "@/components/ui/safe-href";
import { sectorText } from "./sector-text";

type Holder = { name: string; kind: string; legalForm: string | null; contact: boolean };

export function ProjectFileView({ file, holders }: { file: EditableFile; holders: Holder[] }) {
  const t = useTranslations("projectPage");
  const th = useTranslations("holders");
  const tl = useTranslations("legalForms");
  const tsec = useTranslations("sectors");
  const format = useFormatter();
  const euros = (amount: number) => format.number(amount, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const total = file.fundingLines.reduce((sum, line) => sum + line.amountEuros, 0);
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid gap-1 border-b border-line py-3 sm:grid-cols-[14rem_1fr]">
      <dt className="font-medium">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const none = <span className="text-muted">{t("none")}</span>;
  return (
    <dl>
      {row(
        holders.length > 1 ? th("title") : t("fields.contactHolder"),
        <ul>
          {holders.map((holder) => (
            <li key={holder.name}>
              {holder.name}
              {holder.legalForm ? ` (${tl(holder.legalForm as "scic")})` : holder.kind === "authority" ? ` (${th("publicBodyBadge")})` : ""}
              {holders.length > 1 && holder.contact ? <span className="text-sm text-muted"> — {th("contact")}</span> : null}
            </li>
          ))}
        </ul>,
      )}
      {row(t("fields.summary"), file.summary ? <span className="whitespace-pre-line">{file.summary}</span> : none)}
      {row(t("fields.sector"), sectorText(tsec, file.sector, file.sectorDetail) || none)}
      {row(t("fields.collectiveStage"), t(`collectiveStages.${file.collectiveStage}`))}
      {row(t("fields.jobsNow"), format.number(file.jobsNow))}
      {row(t("fields.jobsPotential"), format.number(file.jobsPotential))}
      {row(t("fields.needs"), file.needs.length > 0 ? file.needs.map((need) => t(`needs.${need}`)).join(", ") : none)}
      {row(t("fields.communes"), file.communes.map((commune) => `${commune.name} (${commune.departementCode})`).join(", "))}
      {row(
        t("fields.fundingLines"),
        file.fundingLines.length > 0 ? (
          <div>
            {/* Four columns do not fit a phone: there, each line is a short paragraph. */}
            <ul className="space-y-1 text-sm sm:hidden">
              {file.fundingLines.map((line, index) => (
                <li key={index} className="border-t border-line pt-1">
                  <span className="font-medium">{line.label}</span> · {t(`fundingSources.${line.source}`)} ·{" "}
                  <span className="tabular-nums">{euros(line.amountEuros)}</span> · {t(`fundingStatuses.${line.status}`)}
                </li>
              ))}
            </ul>
            <table className="hidden w-full text-left text-sm sm:table">
              <thead>
                <tr className="text-muted">
                  <th scope="col" className="py-1 pr-2 font-medium">
                    {t("fundingSource")}
                  </th>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    {t("fundingLabel")}
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">
                    {t("fundingAmount")}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {t("fundingStatus")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {file.fundingLines.map((line, index) => (
                  <tr key={index} className="border-t border-line">
                    <td className="py-1 pr-2">{t(`fundingSources.${line.source}`)}</td>
                    <td className="py-1 pr-2">{line.label}</td>
                    <td className="py-1 pr-2 text-right tabular-nums">{euros(line.amountEuros)}</td>
                    <td className="py-1">{t(`fundingStatuses.${line.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-1 font-medium">{t("fundingTotal", { amount: euros(total) })}</p>
          </div>
        ) : (
          none
        ),
      )}
      {row(
        t("fields.links"),
        file.links.length > 0 ? (
          <ul>
            {file.links.map((link) => (
              <li key={link.url}>
                {safeHref(link.url) ? (
                  <a href={safeHref(link.url) ?? undefined} rel="noopener noreferrer nofollow" target="_blank">
                    {link.label}
                  </a>
                ) : (
                  <span>
                    {link.label} ({link.url})
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          none
        ),
      )}
      {row(
        t("fields.contacts"),
        file.contacts.length > 0 ? (
          <ul>
            {file.contacts.map((contact, index) => (
              <li key={index}>
                {contact.name}
                {contact.role ? ` — ${contact.role}` : ""}
                {contact.email ? (
                  <>
                    {" "}
                    · <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </>
                ) : null}
                {contact.phone ? ` · ${contact.phone}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          none
        ),
      )}
      {row(t("fields.visibility"), t(`visibility.${file.visibility}`))}
    </dl>
  );
}
