"use client";
// The signed-in person's queued writes, read again whenever the outbox changes (in this page,
// another tab or the service worker).
import { useEffect, useState } from "react";
import { OUTBOX_CHANNEL, queuedWrites, type QueuedWrite } from "./outbox-store";

export function useQueuedWrites(userId: string | null): QueuedWrite[] {
  const [writes, setWrites] = useState<QueuedWrite[]>([]);
  useEffect(() => {
    if (!userId || typeof indexedDB === "undefined") return;
    let live = true;
    const read = () =>
      void queuedWrites(userId)
        .then((found) => live && setWrites(found))
        .catch(() => {});
    read();
    const channel = new BroadcastChannel(OUTBOX_CHANNEL);
    channel.onmessage = read;
    return () => {
      live = false;
      channel.close();
    };
  }, [userId]);
  return writes;
}
