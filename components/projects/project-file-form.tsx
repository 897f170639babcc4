"use client";
// Editing the shared project file. A save names the version it started from: if someone saved in
// between, the server refuses and says what changed; what the person typed stays in the form.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { conflictOf, formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { TerritoryPicker, type PickedTerritory } from "@/components/territory/territory-picker";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import {
  COLLECTIVE_STAGES,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  NEEDS,
  SELF_SERVICE_VISIBILITIES,
  type CollectiveStage,
  type FundingSource,
  type FundingStatus,
  type Need,
} from "@/server/domain/project-file";
import { SECTORS, type Sector } from "@/server/domain/sectors";

type FundingRow = { source: FundingSource; label: string; amountEuros: number; status: FundingStatus };
type LinkRow = { label: string; url: string };
type ContactRow = { name: string; role: string; email?: string; phone?: string };

export type EditableFile = {
  projectId: string;
  version: number;
  title: string;
  summary: string;
  sector: Sector | "";
  sectorDetail: string;
  collectiveStage: CollectiveStage;
  jobsNow: number;
  jobsPotential: number;
  needs: Need[];
  links: LinkRow[];
  contacts: ContactRow[];
  communes: { id: string; name: string; departementCode: string | null }[];
  fundingLines: FundingRow[];
  visibility: "parties" | "territory" | "public";
};

type ConflictDetails = { currentVersion: number; fields: string[] };

export function ProjectFileForm({ file }: { file: EditableFile }) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const [funding, setFunding] = useState<FundingRow[]>(file.fundingLines);
  const [links, setLinks] = useState<LinkRow[]>(file.links);
  const [contacts, setContacts] = useState<ContactRow[]>(file.contacts);
  const [communes, setCommunes] = useState(file.communes);
  const [sector, setSector] = useState<Sector | "">(file.sector);
  const tsec = useTranslations("sectors");
  const [picking, setPicking] = useState<PickedTerritory | null>(null);
  // What the person started from: only the fields they changed since are sent, so that a save
  // after a conflict does not carry back stale values of fields someone else changed meanwhile.
  const [startedFrom] = useState(file);
  // After a conflict, the person has seen what changed: their next save builds on that version.
  const [acknowledgedVersion, setAcknowledgedVersion] = useState(0);
  const save = useFormMutation(
    (api) => api.project.update,
    (form) => {
      const edited = {
        title: form.text("title"),
        summary: form.text("summary"),
        sector: form.choice("sector", ["", ...SECTORS] as const),
        sectorDetail: sector === "autre" ? form.text("sectorDetail") : "",
        collectiveStage: form.choice("collectiveStage", COLLECTIVE_STAGES),
        jobsNow: form.number("jobsNow"),
        jobsPotential: form.number("jobsPotential"),
        needs: form.choices("needs", NEEDS),
        links: links.filter((link) => link.label || link.url),
        contacts: contacts
          .filter((contact) => contact.name)
          .map((contact) => ({ ...contact, email: contact.email || undefined, phone: contact.phone || undefined })),
        communeIds: communes.map((commune) => commune.id),
        fundingLines: funding,
        ...(file.visibility !== "public" ? { visibility: form.choice("visibility", SELF_SERVICE_VISIBILITIES) } : {}),
      };
      const original: Record<string, unknown> = { ...startedFrom, communeIds: startedFrom.communes.map((commune) => commune.id) };
      const changes = Object.fromEntries(Object.entries(edited).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(original[field])));
      return { projectId: file.projectId, version: Math.max(file.version, acknowledgedVersion), changes };
    },
    { onSaved: () => router.refresh() },
  );
  const errors = formErrorsOf(save.error, tc("error"));
  const conflict = (conflictOf(save.error) as { details?: ConflictDetails } | null)?.details ?? null;

  return (
    <form noValidate onSubmit={save.onSubmit}>
      <TextField id="file-title" name="title" label={t("fields.title")} defaultValue={file.title} maxLength={160} error={errors.fields.changes} />
      <TextArea id="file-summary" name="summary" label={t("fields.summary")} defaultValue={file.summary} rows={5} maxLength={4000} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <div>
          <SelectField
            id="file-sector"
            name="sector"
            label={t("fields.sector")}
            value={sector}
            onChange={(event) => setSector(event.target.value as Sector | "")}
          >
            <option value="">{t("sectorNone")}</option>
            {SECTORS.map((option) => (
              <option key={option} value={option}>
                {tsec(option)}
              </option>
            ))}
          </SelectField>
          {sector === "autre" ? (
            <TextField id="file-sector-detail" name="sectorDetail" label={t("fields.sectorDetail")} defaultValue={file.sectorDetail} maxLength={120} />
          ) : null}
        </div>
        <SelectField id="file-stage" name="collectiveStage" label={t("fields.collectiveStage")} defaultValue={file.collectiveStage}>
          {COLLECTIVE_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {t(`collectiveStages.${stage}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="file-jobs-now" name="jobsNow" type="number" min={0} inputMode="numeric" label={t("fields.jobsNow")} defaultValue={file.jobsNow} />
        <TextField
          id="file-jobs-potential"
          name="jobsPotential"
          type="number"
          min={0}
          inputMode="numeric"
          label={t("fields.jobsPotential")}
          defaultValue={file.jobsPotential}
        />
      </div>
      <fieldset className="mb-4">
        <legend className="font-medium">{t("fields.needs")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {NEEDS.map((need) => (
            <label key={need} className="flex items-center gap-2">
              <input type="checkbox" name="needs" value={need} defaultChecked={file.needs.includes(need)} className="h-5 w-5" />
              {t(`needs.${need}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="mb-4">
        <legend className="font-medium">{t("fields.communeIds")}</legend>
        <ul className="mt-1 flex flex-wrap gap-2">
          {communes.map((commune) => (
            <li key={commune.id} className="flex items-center gap-2 rounded-full bg-stone-100 py-1 pr-1 pl-3">
              {commune.name} ({commune.departementCode})
              {communes.length > 1 ? (
                <button
                  type="button"
                  aria-label={`${t("removeLine")} : ${commune.name}`}
                  className="min-h-8 min-w-8 cursor-pointer rounded-full hover:bg-stone-200"
                  onClick={() => setCommunes(communes.filter((other) => other.id !== commune.id))}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="mt-2">
          <TerritoryPicker
            label={t("addCommune")}
            kinds={["commune"]}
            value={picking}
            onChange={(territory) => {
              if (territory && !communes.some((commune) => commune.id === territory.id)) {
                setCommunes([...communes, { id: territory.id, name: territory.name, departementCode: territory.departementCode }]);
              }
              setPicking(null);
            }}
          />
        </div>
      </fieldset>

      <fieldset className="mb-4">
        <legend className="font-medium">{t("fields.fundingLines")}</legend>
        {funding.map((line, index) => (
          <div key={index} className="mt-2 grid gap-x-2 rounded-lg border border-line p-2 sm:grid-cols-[1fr_1fr_8rem_8rem_auto]">
            <SelectField
              id={`funding-${index}-source`}
              label={t("fundingSource")}
              value={line.source}
              onChange={(event) => setFunding(funding.map((row, i) => (i === index ? { ...row, source: event.target.value as FundingSource } : row)))}
            >
              {FUNDING_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`fundingSources.${source}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              id={`funding-${index}-label`}
              label={t("fundingLabel")}
              value={line.label}
              onChange={(event) => setFunding(funding.map((row, i) => (i === index ? { ...row, label: event.target.value } : row)))}
            />
            <TextField
              id={`funding-${index}-amount`}
              type="number"
              min={0}
              inputMode="numeric"
              label={t("fundingAmount")}
              value={line.amountEuros}
              onChange={(event) => setFunding(funding.map((row, i) => (i === index ? { ...row, amountEuros: Number(event.target.value || 0) } : row)))}
            />
            <SelectField
              id={`funding-${index}-status`}
              label={t("fundingStatus")}
              value={line.status}
              onChange={(event) => setFunding(funding.map((row, i) => (i === index ? { ...row, status: event.target.value as FundingStatus } : row)))}
            >
              {FUNDING_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`fundingStatuses.${status}`)}
                </option>
              ))}
            </SelectField>
            <Button type="button" variant="quiet" className="self-center" onClick={() => setFunding(funding.filter((_, i) => i !== index))}>
              {t("removeLine")}
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          className="mt-2"
          onClick={() => setFunding([...funding, { source: "region", label: "", amountEuros: 0, status: "requested" }])}
        >
          {t("addLine")}
        </Button>
      </fieldset>

      <fieldset className="mb-4">
        <legend className="font-medium">{t("fields.links")}</legend>
        {links.map((link, index) => (
          <div key={index} className="mt-2 grid gap-x-2 sm:grid-cols-[1fr_2fr_auto]">
            <TextField
              id={`link-${index}-label`}
              label={t("linkLabel")}
              value={link.label}
              onChange={(event) => setLinks(links.map((row, i) => (i === index ? { ...row, label: event.target.value } : row)))}
            />
            <TextField
              id={`link-${index}-url`}
              type="url"
              label={t("linkUrl")}
              value={link.url}
              onChange={(event) => setLinks(links.map((row, i) => (i === index ? { ...row, url: event.target.value } : row)))}
            />
            <Button type="button" variant="quiet" className="self-center" onClick={() => setLinks(links.filter((_, i) => i !== index))}>
              {t("removeLine")}
            </Button>
          </div>
        ))}
        <Button type="button" variant="secondary" className="mt-2" onClick={() => setLinks([...links, { label: "", url: "" }])}>
          {t("addLine")}
        </Button>
      </fieldset>

      <fieldset className="mb-4">
        <legend className="font-medium">{t("fields.contacts")}</legend>
        {contacts.map((contact, index) => (
          <div key={index} className="mt-2 grid gap-x-2 sm:grid-cols-[1fr_1fr_1fr_1fr_auto]">
            <TextField
              id={`contact-${index}-name`}
              label={t("contactName")}
              value={contact.name}
              onChange={(event) => setContacts(contacts.map((row, i) => (i === index ? { ...row, name: event.target.value } : row)))}
            />
            <TextField
              id={`contact-${index}-role`}
              label={t("contactRole")}
              value={contact.role}
              onChange={(event) => setContacts(contacts.map((row, i) => (i === index ? { ...row, role: event.target.value } : row)))}
            />
            <TextField
              id={`contact-${index}-email`}
              type="email"
              label={t("contactEmail")}
              value={contact.email ?? ""}
              onChange={(event) => setContacts(contacts.map((row, i) => (i === index ? { ...row, email: event.target.value } : row)))}
            />
            <TextField
              id={`contact-${index}-phone`}
              type="tel"
              label={t("contactPhone")}
              value={contact.phone ?? ""}
              onChange={(event) => setContacts(contacts.map((row, i) => (i === index ? { ...row, phone: event.target.value } : row)))}
            />
            <Button type="button" variant="quiet" className="self-center" onClick={() => setContacts(contacts.filter((_, i) => i !== index))}>
              {t("removeLine")}
            </Button>
          </div>
        ))}
        <Button type="button" variant="secondary" className="mt-2" onClick={() => setContacts([...contacts, { name: "", role: "" }])}>
          {t("addLine")}
        </Button>
      </fieldset>

      {file.visibility !== "public" ? (
        <SelectField id="file-visibility" name="visibility" label={t("fields.visibility")} defaultValue={file.visibility}>
          {SELF_SERVICE_VISIBILITIES.map((visibility) => (
            <option key={visibility} value={visibility}>
              {t(`visibility.${visibility}`)}
            </option>
          ))}
        </SelectField>
      ) : null}

      {conflict ? (
        <div role="alert" className="mb-4 rounded-lg border-l-4 border-danger bg-red-50 px-4 py-3 text-danger">
          <p className="font-semibold">{t("conflictTitle")}</p>
          <p>{errors.message}</p>
          <p className="mt-1">
            {conflict.fields.map((field) => (t.has(`fields.${field}` as "fields.title") ? t(`fields.${field}` as "fields.title") : field)).join(", ")}
          </p>
          <Button
            type="button"
            variant="secondary"
            className="mt-2"
            onClick={() => {
              setAcknowledgedVersion(conflict.currentVersion);
              save.reset();
              router.refresh();
            }}
          >
            {t("reload")}
          </Button>
        </div>
      ) : errors.message ? (
        <Alert>{errors.message}</Alert>
      ) : Object.keys(errors.fields).length > 0 ? (
        <Alert>{Object.values(errors.fields).filter(Boolean).join(" · ")}</Alert>
      ) : null}
      {save.isSuccess ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Button type="submit" disabled={save.isPending} className="mt-2">
        {save.isPending ? tc("saving") : t("saveFile")}
      </Button>
    </form>
  );
}
