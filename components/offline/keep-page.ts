"use client";
// Asking the service worker to keep the page the person is on — a project's every tab, the outbox,
// and the files the page loaded — as the server renders it now: when a page is opened, and again
// after each write the person makes on it (debounced), so that the copy read offline is the latest.
import { isKeptPage, projectOfPage, projectTabUrls, type WorkerMessage } from "./offline-rules";

let timer: ReturnType<typeof setTimeout> | undefined;

export function keepThisPage() {
  const controller = typeof navigator === "undefined" ? null : navigator.serviceWorker?.controller;
  const here = new URL(window.location.href);
  if (!controller || !isKeptPage(here)) return;
  const project = projectOfPage(here);
  const assets = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(`${window.location.origin}/_next/static/`));
  // The outbox too: what was written offline can be read and sent from it without signal.
  const pages = [...(project ? projectTabUrls(project) : [here.pathname + here.search]), "/envois"];
  const message: WorkerMessage = { type: "keep", urls: [...pages, ...assets] };
  controller.postMessage(message);
}

/** After a write: once the page has its new state (and the person has stopped clicking), kept again. */
export function keepThisPageSoon() {
  if (typeof window === "undefined") return;
  clearTimeout(timer);
  timer = setTimeout(keepThisPage, 1_500);
}
