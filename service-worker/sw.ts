// Maillage's service worker (built to public/sw.js by scripts/build-service-worker.ts): keeps the
// pages a person opened readable without signal, and sends their queued writes when it returns.
//
// Content-Security-Policy: a page is kept whole, headers included, so a page read offline carries
// the policy it was served with and the nonce its scripts were given; nothing is rendered here but
// the fallback below, which runs no script. A kept page's nonce is not a secret worth keeping fresh:
// the page is never rendered again with anything new in it.
import { CacheFirst, ExpirationPlugin, NetworkFirst } from "serwist";
import { KEPT_DAYS, OUTBOX_SYNC_TAG, PAGES_CACHE, STATIC_CACHE, isKeptPage, type WorkerMessage } from "@/components/offline/offline-rules";
import { signedInPerson } from "@/components/offline/outbox-store";
import { sendQueuedWrites } from "@/components/offline/send-outbox";

declare const self: ServiceWorkerGlobalScope;

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  // Kept pages are matched on their address alone (the browser's Accept-Encoding may differ between a visit and a warm-up).
  matchOptions: { ignoreVary: true },
  plugins: [
    // Only a signed-in person's pages are kept (signing out forgets who it was, and every page).
    { cacheWillUpdate: async ({ response }) => ((await signedInPerson()) && response.ok && !response.redirected ? response : null) },
    new ExpirationPlugin({ maxAgeSeconds: KEPT_DAYS * 86_400, maxEntries: 400 }),
  ],
});
// Next.js's build files are named by their content: once kept, always right.
const assets = new CacheFirst({ cacheName: STATIC_CACHE, plugins: [new ExpirationPlugin({ maxAgeSeconds: KEPT_DAYS * 86_400, maxEntries: 600 })] });

/**
 * How long a kept page waits for the network before its copy is shown instead (marked, so that the
 * page brings itself up to date as soon as the network answers): on one bar of signal, a page
 * opened before reads at once rather than after seconds of blank screen.
 */
const PATIENCE_MS = 600;

async function markedAsCopy(copy: Response): Promise<Response> {
  const html = await copy.text();
  const headers = new Headers(copy.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return new Response(html.replace("<html", '<html data-copie-gardee=""'), { status: copy.status, statusText: copy.statusText, headers });
}

async function keptPage(event: FetchEvent, request: Request): Promise<Response> {
  // Nobody signed in on this browser: nobody's copy is shown.
  if (!(await signedInPerson())) return fetch(request).catch(offlineFallback);
  // The network's answer (kept as it arrives), or — the network failing — the copy.
  const fromNetwork = pages.handle({ event, request });
  const slow = new Promise<"slow">((resolve) => setTimeout(resolve, PATIENCE_MS, "slow"));
  const first = await Promise.race([fromNetwork.catch(() => null), slow]);
  if (first !== "slow") return first ?? offlineFallback();
  const copy = await caches.match(request.url, { cacheName: PAGES_CACHE, ignoreVary: true });
  if (!copy) return (await fromNetwork.catch(() => null)) ?? offlineFallback();
  event.waitUntil(fromNetwork.catch(() => undefined));
  return markedAsCopy(copy);
}

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Without signal, a page never opened: what can be read instead, with no script to run. */
async function offlineFallback(): Promise<Response> {
  const cache = await caches.open(PAGES_CACHE);
  const kept = await Promise.all(
    (await cache.keys()).map(async (request) => {
      const html = await (await cache.match(request, { ignoreVary: true }))?.text();
      const title = /<title>([^<]*)<\/title>/.exec(html ?? "")?.[1] ?? new URL(request.url).pathname;
      return `<li><a href="${escape(new URL(request.url).pathname + new URL(request.url).search)}">${title}</a></li>`;
    }),
  );
  const body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hors connexion · Maillage</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1c1917}a{color:#1d5c4f}</style></head>
<body><main><h1>Hors connexion</h1><p>Cette page n'a pas été ouverte sur cet appareil ces 30 derniers jours : elle ne peut pas s'afficher sans réseau.</p>
${kept.length > 0 ? `<h2>Ce que vous pouvez lire hors connexion</h2><ul>${kept.join("")}</ul>` : "<p>Aucune page n'est encore gardée sur cet appareil.</p>"}
<p><a href="/envois">Vos envois en attente</a></p></main></body></html>`;
  return new Response(body, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'; script-src 'none'; frame-ancestors 'none'",
    },
  });
}

self.addEventListener("install", () => void self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(assets.handle({ event, request }));
    return;
  }
  if (request.mode !== "navigate") return;
  if (isKeptPage(url)) event.respondWith(keptPage(event, request));
  else event.respondWith(fetch(request).catch(offlineFallback));
});

/** Next.js's build files a page's HTML names: its scripts, styles and the chunks of its client components. */
function filesNamedIn(html: string): string[] {
  return [...new Set(html.match(/\/_next\/static\/[\w\-./~]+?\.(?:js|css|woff2)/g) ?? [])];
}

async function keepFile(assetCache: Cache, address: string) {
  const url = new URL(address, self.location.origin);
  if (url.origin !== self.location.origin || !url.pathname.startsWith("/_next/static/") || (await assetCache.match(url.href))) return;
  const answer = await fetch(url.href).catch(() => null);
  if (answer?.ok) await assetCache.put(url.href, answer);
}

/** A page asks to keep addresses (a project's tabs, the outbox), with the files each needs, and the files it loaded itself. */
async function keep(urls: string[]) {
  if (!(await signedInPerson())) return;
  const pageCache = await caches.open(PAGES_CACHE);
  const assetCache = await caches.open(STATIC_CACHE);
  await Promise.all(
    urls.map(async (address) => {
      const url = new URL(address, self.location.origin);
      if (url.origin !== self.location.origin) return;
      if (url.pathname.startsWith("/_next/static/")) return keepFile(assetCache, url.href);
      if (!isKeptPage(url)) return;
      const answer = await fetch(url.href, { credentials: "same-origin" }).catch(() => null);
      if (!answer?.ok || answer.redirected) return;
      const html = await answer.clone().text();
      await pageCache.put(url.href, answer);
      await Promise.all(filesNamedIn(html).map((file) => keepFile(assetCache, file)));
    }),
  );
}

self.addEventListener("message", (event) => {
  const message = event.data as WorkerMessage | undefined;
  if (message?.type === "keep") event.waitUntil(keep(message.urls));
});

/** Background Sync: the connection is back, perhaps with no page open. */
async function sendOutbox() {
  const person = await signedInPerson();
  if (!person) return;
  const round = await sendQueuedWrites(person);
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage({ type: "outbox-sent", ...round });
  // Still offline for some: the browser tries the sync again later.
  if (round.waiting > 0) throw new Error("still offline");
}

self.addEventListener("sync", (event) => {
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(sendOutbox());
});
