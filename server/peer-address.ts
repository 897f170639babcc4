// The address of the socket a request came in on, as a header the app can read. Next.js hands
// route handlers and server actions no socket, and fills X-Forwarded-For with the peer only when
// the client sent none: a client that writes its own would choose its rate-limit bucket.

export const PEER_ADDRESS_HEADER = "x-maillage-peer-address";

const INSTALLED = Symbol.for("maillage.peerAddressStamp");

type RequestLike = { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } };

/** Overwrites the header with the socket's peer: whatever the client sent under that name is dropped. */
export function stampPeerAddress(request: RequestLike): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
}

/**
 * Stamps every request of every HTTP server in this process before its handlers (Next.js's
 * included) see it. Installed once, from instrumentation.ts, when the server starts.
 */
export async function installPeerAddressStamp(): Promise<void> {
  const http = await import("node:http");
  const registry = globalThis as { [INSTALLED]?: boolean };
  if (registry[INSTALLED]) return;
  registry[INSTALLED] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithPeerAddress(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") stampPeerAddress(args[0] as RequestLike);
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
