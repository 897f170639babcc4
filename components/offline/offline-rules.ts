// What Maillage keeps readable without signal, shared by the pages and the service worker.

/** The project whose page `url` is, or null. */
export function projectOfPage(url: URL): string | null {
  return /^\/projets\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1] ?? null;
}

/** The pages kept for reading offline: the home page, the outbox, every project page (and its tabs). */
export function isKeptPage(url: URL): boolean {
  return url.pathname === "/" || url.pathname === "/envois" || projectOfPage(url) !== null;
}

/** How long a page opened stays readable offline. */
export const KEPT_DAYS = 30;
export const PAGES_CACHE = "maillage-pages";
export const STATIC_CACHE = "maillage-static";
/** Background Sync's tag for sending the outbox. */
export const OUTBOX_SYNC_TAG = "maillage-envois";

/** A project page's tabs: kept together, so that every tab of a project opened reads offline. */
export function projectTabUrls(projectId: string): string[] {
  return [`/projets/${projectId}`, ...["dossier", "barometre", "historique"].map((tab) => `/projets/${projectId}?onglet=${tab}`)];
}

/** The messages a page sends its service worker. */
export type WorkerMessage = { type: "keep"; urls: string[] };
