"use client";
// Signing out forgets, on this browser, every page kept for reading offline and every write still
// waiting: the next person on a shared computer finds nothing of the last one's.
import type { ReactNode } from "react";
import { dropEveryWrite } from "./outbox-store";

async function forgetThisPerson() {
  if (typeof caches !== "undefined") await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
  if (typeof indexedDB !== "undefined") await dropEveryWrite();
}

export function SignOutForm({ action, children }: { action: () => Promise<void>; children: ReactNode }) {
  return (
    <form
      action={async () => {
        await forgetThisPerson().catch(() => {});
        await action();
      }}
    >
      {children}
    </form>
  );
}
