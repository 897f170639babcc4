"use client";
// On every page: registers the service worker; for a signed-in person, keeps the page (and a
// project's tabs) for reading offline, sends the outbox when the connection returns, and — without
// signal — says so, with the time of the version shown, and disables the controls that need the
// network (forms that work offline are marked data-works-offline).
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useTransition } from "react";
import { keepThisPage } from "./keep-page";
import { PAGES_CACHE } from "./offline-rules";
import { forgetPerson, rememberPerson, signedInPerson } from "./outbox-store";
import { sendQueuedWrites } from "./send-outbox";
import { useOnline } from "./use-online";

export const OFFLINE_REASON_ID = "hors-connexion-raison";

/**
 * Every control that needs the network, but those marked data-works-offline (and what they hold):
 * disabled while offline, and why. A button of the page's content acts on the server, unless it
 * only opens or closes something on the page (aria-expanded, aria-controls).
 */
const WRITE_CONTROLS = "form button[type=submit], form button:not([type]), main button:not([aria-expanded]):not([aria-controls])";

function disableWrites(root: ParentNode) {
  for (const control of root.querySelectorAll<HTMLButtonElement>(WRITE_CONTROLS)) {
    if (control.disabled || control.closest("[data-works-offline]")) continue;
    control.disabled = true;
    control.dataset.offlineDisabled = "";
    control.setAttribute("aria-describedby", OFFLINE_REASON_ID);
  }
}

function enableWrites() {
  for (const control of document.querySelectorAll<HTMLButtonElement>("[data-offline-disabled]")) {
    control.disabled = false;
    delete control.dataset.offlineDisabled;
    control.removeAttribute("aria-describedby");
  }
}

export function OfflineStatus({ userId, version }: { userId: string | null; version: string }) {
  const t = useTranslations("offline");
  const online = useOnline();
  const router = useRouter();
  // A kept copy shown while the network was slow (the service worker marks it): brought up to date in place.
  const [updating, startUpdate] = useTransition();
  useEffect(() => {
    if (!document.documentElement.hasAttribute("data-copie-gardee") || !navigator.onLine) return;
    document.documentElement.removeAttribute("data-copie-gardee");
    startUpdate(() => router.refresh());
  }, [router]);
  // A page reached by a link (not loaded whole) is kept too.
  const pathname = usePathname();

  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    void navigator.serviceWorker.register("/sw.js").catch(() => {});
    const onMessage = (event: MessageEvent<{ type?: string; sent?: number }>) => {
      if (event.data?.type === "outbox-sent" && (event.data.sent ?? 0) > 0) router.refresh();
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
  }, [router]);

  // Who is signed in here. Someone else, or nobody, where a person was (a session that ended without
  // signing out, a shared computer): that person's kept pages go; their queued writes stay, sent
  // only once they are signed in again.
  useEffect(() => {
    if (typeof indexedDB === "undefined") return;
    void (async () => {
      const previous = await signedInPerson();
      if (previous && previous !== userId && typeof caches !== "undefined") await caches.delete(PAGES_CACHE);
      if (userId) await rememberPerson(userId);
      else if (previous) await forgetPerson();
    })().catch(() => {});
  }, [userId]);

  // Back online (or a page loaded online): the outbox is sent.
  useEffect(() => {
    if (!online) return;
    if (userId) {
      void sendQueuedWrites(userId)
        .then((round) => {
          if (round.sent > 0 || round.refused > 0) router.refresh();
        })
        .catch(() => {});
    }
  }, [online, userId, router]);

  // Each page a signed-in person opens online is kept as it now is.
  useEffect(() => {
    if (!online || !userId) return;
    if (navigator.serviceWorker?.controller) keepThisPage();
    else navigator.serviceWorker?.ready.then(() => window.setTimeout(keepThisPage, 500)).catch(() => {});
  }, [online, userId, pathname]);

  useEffect(() => {
    if (online) {
      enableWrites();
      return;
    }
    disableWrites(document);
    const observer = new MutationObserver(() => disableWrites(document));
    observer.observe(document.body, { childList: true, subtree: true });
    // Without signal, a link loads its page whole, which the service worker answers from what it
    // kept (a page read within the app would ask the server for its data, and fail).
    const loadWhole = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target || link.hasAttribute("download")) return;
      const url = new URL(link.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      window.location.assign(url.href);
    };
    window.addEventListener("click", loadWhole, { capture: true });
    return () => {
      observer.disconnect();
      window.removeEventListener("click", loadWhole, { capture: true });
    };
  }, [online]);

  if (online && !updating) return null;
  return (
    <div role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-amber-950 print:hidden">
      {online ? (
        <p className="mx-auto max-w-5xl">{t("updating", { version })}</p>
      ) : (
        <p className="mx-auto max-w-5xl">
          <strong>{t("banner", { version })}</strong> <span id={OFFLINE_REASON_ID}>{t("reason")}</span>
        </p>
      )}
    </div>
  );
}
