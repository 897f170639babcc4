"use client";
// The import of a spreadsheet: a dry run first (what would happen, what is wrong), then the
// import with its progress, which can be cancelled until it ends.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRef, useState } from "react";
import { Alert, Button } from "@/components/ui/primitives";
import type { RowError } from "@/server/domain/spreadsheet";
import type { ImportPlan, ImportResult } from "@/server/domain/spreadsheet";

type Plan = ImportPlan;
type Result = ImportResult;

type State =
  | { step: "idle" }
  | { step: "checking" }
  | { step: "planned"; plan: Plan }
  | { step: "importing"; plan: Plan; done: number; total: number }
  | { step: "done"; result: Result }
  | { step: "cancelled" }
  | { step: "failed"; message: string; errors: RowError[] };

export function PortfolioImport({ networkId }: { networkId: string }) {
  const t = useTranslations("portfolioImport");
  const tc = useTranslations("common");
  const [state, setState] = useState<State>({ step: "idle" });
  const [file, setFile] = useState<File | null>(null);
  const abort = useRef<AbortController | null>(null);
  const url = `/api/reseaux/${networkId}/import`;

  function formFor(mode: "apercu" | "import" | "import-valides" | "refusees") {
    const form = new FormData();
    if (file) form.set("fichier", file);
    form.set("mode", mode);
    return form;
  }

  async function check() {
    if (!file) return;
    setState({ step: "checking" });
    try {
      const response = await fetch(url, { method: "POST", body: formFor("apercu") });
      const body = (await response.json()) as Plan & { error?: string; errors: RowError[] };
      if (!response.ok) setState({ step: "failed", message: body.error ?? tc("error"), errors: body.errors ?? [] });
      else setState({ step: "planned", plan: body });
    } catch {
      setState({ step: "failed", message: tc("error"), errors: [] });
    }
  }

  /** The refused lines with their errors, as a CSV file to correct and import again. */
  async function downloadRefused() {
    const response = await fetch(url, { method: "POST", body: formFor("refusees") });
    if (!response.ok) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "lignes-refusees.csv";
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function runImport(plan: Plan) {
    const controller = new AbortController();
    abort.current = controller;
    // The server counts its steps the same way: one per line, one per stage declared.
    setState({ step: "importing", plan, done: 0, total: plan.validRows + plan.stagesDeclared });
    try {
      const response = await fetch(url, { method: "POST", body: formFor(plan.refusedRows > 0 ? "import-valides" : "import"), signal: controller.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: string; errors?: RowError[] };
        setState({ step: "failed", message: body.error ?? t("failed"), errors: body.errors ?? [] });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as
            { type: "progress"; done: number; total: number } | { type: "done"; result: Result } | { type: "error"; message: string; errors: RowError[] };
          if (message.type === "progress") setState({ step: "importing", plan, done: message.done, total: message.total });
          else if (message.type === "done") setState({ step: "done", result: message.result });
          else setState({ step: "failed", message: message.message, errors: message.errors });
        }
      }
    } catch {
      setState(controller.signal.aborted ? { step: "cancelled" } : { step: "failed", message: t("failed"), errors: [] });
    } finally {
      abort.current = null;
    }
  }

  const errors = state.step === "planned" ? state.plan.errors : state.step === "failed" ? state.errors : [];
  return (
    <div className="space-y-4">
      <form
        className="rounded-xl border border-line bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          void check();
        }}
      >
        <label htmlFor="import-file" className="block font-medium">
          {t("file")}
        </label>
        <input
          id="import-file"
          name="fichier"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="mt-1 mb-3 block w-full rounded-lg border border-stone-400 bg-white p-2"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setState({ step: "idle" });
          }}
        />
        <Button type="submit" disabled={!file || state.step === "checking" || state.step === "importing"}>
          {state.step === "checking" ? t("checking") : t("check")}
        </Button>
      </form>

      <div aria-live="polite" className="space-y-4">
        {state.step === "planned" || state.step === "importing" ? (
          <div className="rounded-xl border border-line bg-white p-4">
            <p className="font-medium">
              {t("summary", { rows: state.plan.rows, creates: state.plan.creates, updates: state.plan.updates, unchanged: state.plan.unchanged })}
            </p>
            {state.plan.refusedRows > 0 ? <p className="font-medium text-danger">{t("refusedRows", { count: state.plan.refusedRows })}</p> : null}
            <p>{t("stages", { count: state.plan.stagesDeclared })}</p>
            {state.plan.invitations > 0 ? <p>{t("invitations", { count: state.plan.invitations })}</p> : null}
            {state.plan.handovers > 0 ? <p>{t("handovers", { count: state.plan.handovers, names: state.plan.handoverCollectives.join(", ") })}</p> : null}
            {state.plan.ignoredColumns.length > 0 ? <p className="text-muted">{t("ignored", { columns: state.plan.ignoredColumns.join(", ") })}</p> : null}
          </div>
        ) : null}

        {errors.length > 0 ? (
          <div className="rounded-xl border border-danger bg-white p-4">
            <h2 className="font-semibold text-danger">{t("errors", { count: errors.length })}</h2>
            <p className="mb-2">{t("errorsHelp")}</p>
            {state.step === "planned" && state.plan.refusedRows > 0 ? (
              <p className="mb-2">
                <Button type="button" variant="secondary" onClick={() => void downloadRefused()}>
                  {t("downloadRefused", { count: state.plan.refusedRows })}
                </Button>
              </p>
            ) : null}
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("errors", { count: errors.length })}>
              <table className="w-full text-left text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="pr-3">
                      {t("line")}
                    </th>
                    <th scope="col" className="pr-3">
                      {t("column")}
                    </th>
                    <th scope="col">{t("problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.map((error, index) => (
                    <tr key={`${error.line}-${error.column}-${index}`} className="border-t border-line">
                      <td className="pr-3 tabular-nums">{error.line}</td>
                      <td className="pr-3 font-mono">{error.column ?? "—"}</td>
                      <td>{error.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}

        {state.step === "failed" ? <Alert>{state.message}</Alert> : null}

        {state.step === "planned" && state.plan.validRows > 0 ? (
          <div className="space-y-3">
            {state.plan.preview.length > 0 ? (
              <details className="rounded-xl border border-line bg-white p-4">
                <summary className="cursor-pointer font-medium">{t("preview")}</summary>
                <table className="mt-2 w-full text-left text-sm">
                  <thead>
                    <tr>
                      <th scope="col" className="pr-3">
                        {t("line")}
                      </th>
                      <th scope="col" className="pr-3">
                        identifiant
                      </th>
                      <th scope="col" className="pr-3">
                        titre
                      </th>
                      <th scope="col">{t("action")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.plan.preview.map((row) => (
                      <tr key={row.line} className="border-t border-line">
                        <td className="pr-3 tabular-nums">{row.line}</td>
                        <td className="pr-3 font-mono">{row.identifier}</td>
                        <td className="pr-3">{row.title}</td>
                        <td>{t(`actions.${row.action}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ) : null}
            <Button type="button" onClick={() => void runImport(state.plan)}>
              {state.plan.refusedRows > 0 ? t("importValid", { count: state.plan.validRows }) : t("import", { count: state.plan.validRows })}
            </Button>
          </div>
        ) : null}

        {state.step === "importing" ? (
          <div className="rounded-xl border border-line bg-white p-4">
            <label htmlFor="import-progress" className="block font-medium">
              {t("importing")} {t("progress", { done: state.done, total: state.total })}
            </label>
            <progress id="import-progress" className="my-2 h-3 w-full accent-brand" value={state.done} max={Math.max(1, state.total)} />
            <Button type="button" variant="secondary" onClick={() => abort.current?.abort()}>
              {t("cancel")}
            </Button>
          </div>
        ) : null}

        {state.step === "cancelled" ? <Alert>{t("cancelled")}</Alert> : null}

        {state.step === "done" ? (
          <Alert tone="success">
            {t("done", { created: state.result.created, updated: state.result.updated, stages: state.result.stagesDeclared })}{" "}
            {state.result.invited > 0 ? `${t("invited", { count: state.result.invited })} ` : null}
            {state.result.handovers > 0 ? `${t("handoversDone", { count: state.result.handovers })} ` : null}
            {state.result.refused > 0 ? `${t("refusedLeftOut", { count: state.result.refused })} ` : null}
            <Link href={`/reseaux/${networkId}`}>{t("toDashboard")}</Link>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
