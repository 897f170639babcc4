// The council pack as a Word document (DOCX), editable in LibreOffice or Word as mairies do:
// built with the `docx` library from the pack the service assembled, in the reader's language.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { createTranslator } from "next-intl";
import { ofFrench } from "@/server/domain/french";
import { messagesFor } from "@/server/i18n/messages";
import type { Locale } from "@/server/i18n/config";
import type { CouncilPack } from "@/server/services/council-pack";

export async function councilPackDocx(pack: CouncilPack, locale: Locale): Promise<Uint8Array> {
  const messages = messagesFor(locale);
  const t = createTranslator({ locale, messages, namespace: "councilPack" });
  const ts = createTranslator({ locale, messages, namespace: "stages" });
  const tk = createTranslator({ locale, messages, namespace: "milestoneKinds" });
  const tf = createTranslator({ locale, messages, namespace: "projectPage" });
  const day = (date: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Paris" }).format(date);
  const dayOf = (iso: string) => day(new Date(`${iso}T12:00:00Z`));
  const names = (list: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(list);
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const euros = (value: number) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(value);
  const stageOf = (project: CouncilPack["projects"][number]) => (project.stage ? ts(project.stage) : project.related ? t("toConfirm") : t("notParty"));

  const cell = (text: string, options: { bold?: boolean; right?: boolean } = {}) =>
    new TableCell({
      children: [new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: options.bold })] })],
    });
  const headers = [t("project"), t("lead"), t("stage"), t("jobsNow"), t("jobsPotential"), t("fundingAsked"), t("awaiting")];
  const summary = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((header, index) => cell(header, { bold: true, right: index >= 3 && index <= 5 })) }),
      ...pack.projects.map(
        (project) =>
          new TableRow({
            children: [
              cell(project.title),
              cell(names(project.holderNames)),
              cell(stageOf(project)),
              cell(number(project.jobsNow), { right: true }),
              cell(number(project.jobsPotential), { right: true }),
              cell(euros(project.fundingAsked), { right: true }),
              cell(project.awaiting.proposal || project.awaiting.milestones.length > 0 ? t("yes") : "—"),
            ],
          }),
      ),
      new TableRow({
        children: [
          cell(t("total", { count: pack.totals.projects }), { bold: true }),
          cell(""),
          cell(""),
          cell(number(pack.totals.jobsNow), { bold: true, right: true }),
          cell(number(pack.totals.jobsPotential), { bold: true, right: true }),
          cell(euros(pack.totals.fundingAsked), { bold: true, right: true }),
          cell(number(pack.totals.awaiting), { bold: true }),
        ],
      }),
    ],
  });
  const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });
  const projectSections = pack.projects.flatMap((project) => [
    new Paragraph({ text: project.title, heading: HeadingLevel.HEADING_2, pageBreakBefore: false }),
    new Paragraph(t("leadLine", { name: names(project.holderNames) })),
    new Paragraph(t("stageLine", { stage: stageOf(project) })),
    new Paragraph(t("jobsLine", { now: project.jobsNow, potential: project.jobsPotential })),
    new Paragraph({ text: t("changesTitle"), heading: HeadingLevel.HEADING_3 }),
    ...(project.changes.length > 0
      ? project.changes.map((change) =>
          bullet(
            `${day(change.at)} — ${change.fromStage ? `${ts(change.fromStage)} → ${ts(change.toStage)}` : ts(change.toStage)}${change.declined ? ` (${t("declined")})` : ""}`,
          ),
        )
      : [new Paragraph(t("none"))]),
    new Paragraph({ text: t("milestonesTitle"), heading: HeadingLevel.HEADING_3 }),
    ...(project.milestones.length > 0
      ? project.milestones.map((milestone) =>
          bullet(
            `${dayOf(milestone.occursOn)} — ${milestone.title} (${tk(milestone.kind)}, ${
              milestone.status === "planned" ? t("planned") : tf(`confirmation.${milestone.confirmation as "pending"}`)
            })`,
          ),
        )
      : [new Paragraph(t("none"))]),
    new Paragraph({ text: t("awaitingTitle"), heading: HeadingLevel.HEADING_3 }),
    ...(project.awaiting.proposal || project.awaiting.milestones.length > 0
      ? [
          ...(project.awaiting.proposal
            ? [
                bullet(
                  project.awaiting.proposal.fromStage
                    ? t("awaitingChange", {
                        from: ts(project.awaiting.proposal.fromStage),
                        ofFrom: ofFrench(ts(project.awaiting.proposal.fromStage)),
                        to: ts(project.awaiting.proposal.toStage),
                      })
                    : t("awaitingStart", { to: ts(project.awaiting.proposal.toStage) }),
                ),
              ]
            : []),
          ...project.awaiting.milestones.map((title) => bullet(t("awaitingMilestone", { title }))),
        ]
      : [new Paragraph(t("none"))]),
    new Paragraph({ text: t("fundingTitle"), heading: HeadingLevel.HEADING_3 }),
    ...(project.funding.length > 0
      ? project.funding.map((line) => bullet(`${line.label} — ${euros(line.amountEuros)} (${tf(`fundingStatuses.${line.status}`)})`))
      : [new Paragraph(t("none"))]),
  ]);
  const document = new Document({
    creator: "Maillage",
    title: t("title", { name: pack.authority.name }),
    sections: [
      {
        children: [
          new Paragraph({ text: t("title", { name: pack.authority.name }), heading: HeadingLevel.HEADING_1 }),
          new Paragraph(t("preparedOn", { date: day(pack.preparedAt) })),
          new Paragraph(t("period", { from: day(pack.since), to: day(pack.preparedAt) })),
          new Paragraph(t("scope")),
          ...(pack.leftOut > 0 ? [new Paragraph(t("leftOut", { count: pack.leftOut }))] : []),
          new Paragraph({ text: t("summaryTitle"), heading: HeadingLevel.HEADING_2 }),
          pack.projects.length > 0 ? summary : new Paragraph(t("empty")),
          ...projectSections,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
