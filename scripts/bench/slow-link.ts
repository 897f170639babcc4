// A slow link between the browser and the server, for `npm run bench:pages`: a TCP relay adding
// Chromium DevTools' "Slow 3G" (2 s of round trip, 50 kB/s each way) to every connection. Throttled
// outside the browser, it slows the service worker's requests as much as the page's (Chromium's own
// network emulation applies to the page only).
import net from "node:net";

export const SLOW_3G = { roundTripMs: 2_000, bytesPerSecond: 50_000 };

/** Sends what `from` says on to `to`, each chunk half a round trip late and at most `bytesPerSecond`, in order. */
function throttledPipe(from: net.Socket, to: net.Socket, link: typeof SLOW_3G) {
  // One queue, written by one timer at a time: timers of their own could fire out of order.
  const queue: { at: number; chunk: Buffer | null }[] = [];
  let freeAt = 0;
  let pumping = false;
  const pump = () => {
    const next = queue[0];
    if (pumping || !next) return;
    pumping = true;
    setTimeout(
      () => {
        queue.shift();
        pumping = false;
        if (next.chunk) to.write(next.chunk);
        else to.end();
        pump();
      },
      Math.max(0, next.at - Date.now()),
    );
  };
  from.on("data", (chunk: Buffer) => {
    const start = Math.max(Date.now() + link.roundTripMs / 2, freeAt);
    freeAt = start + (chunk.length / link.bytesPerSecond) * 1000;
    queue.push({ at: freeAt, chunk });
    pump();
  });
  from.on("end", () => {
    queue.push({ at: Math.max(Date.now() + link.roundTripMs / 2, freeAt), chunk: null });
    pump();
  });
  from.on("error", () => to.destroy());
  to.on("error", () => from.destroy());
}

export function startSlowLink(listenPort: number, targetPort: number, link = SLOW_3G): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    throttledPipe(client, upstream, link);
    throttledPipe(upstream, client, link);
  });
  return new Promise((resolve) => server.listen(listenPort, "127.0.0.1", () => resolve(server)));
}
