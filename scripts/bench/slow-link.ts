// A slow link between the browser and the server, for `npm run bench:pages`: a TCP relay adding
// Chromium DevTools' "Slow 3G" (2 s of round trip, 50 kB/s each way) to every connection. Throttled
// outside the browser, it slows the service worker's requests as much as the page's (Chromium's own
// network emulation applies to the page only).
import net from "node:net";

export const SLOW_3G = { roundTripMs: 2_000, bytesPerSecond: 50_000 };

/** Sends `chunks` on, each no sooner than half a round trip after it arrived, at most `bytesPerSecond`. */
function throttledPipe(from: net.Socket, to: net.Socket, link: typeof SLOW_3G) {
  let freeAt = 0;
  from.on("data", (chunk: Buffer) => {
    const arrived = Date.now();
    const start = Math.max(arrived + link.roundTripMs / 2, freeAt);
    freeAt = start + (chunk.length / link.bytesPerSecond) * 1000;
    setTimeout(() => to.write(chunk), freeAt - arrived);
  });
  from.on("end", () => setTimeout(() => to.end(), Math.max(0, freeAt - Date.now())));
  from.on("error", () => to.destroy());
}

export function startSlowLink(listenPort: number, targetPort: number, link = SLOW_3G): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    throttledPipe(client, upstream, link);
    throttledPipe(upstream, client, link);
  });
  return new Promise((resolve) => server.listen(listenPort, "127.0.0.1", () => resolve(server)));
}
