import { describe, expect, it } from "vitest";
import { request as httpRequest, createServer } from "node:http";
import { clientIp, isSameOrigin, redirectSignedIn, refuseCrossSite } from "@/server/http";
import { installPeerAddressStamp, PEER_ADDRESS_HEADER } from "@/server/peer-address";

const APP = "http://127.0.0.1:3100";

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3100/api/trpc/project.update", { method: "POST", headers: { host: "127.0.0.1:3100", ...headers }, body: "{}" });

describe("cross-site requests to tRPC", () => {
  it("let the app's own JSON mutations through", () => {
    expect(refuseCrossSite(post({ "content-type": "application/json", origin: "http://127.0.0.1:3100" }), APP)).toBeNull();
  });

  it("refuse a form post, even from the same origin", () => {
    expect(refuseCrossSite(post({ "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:3100" }), APP)?.status).toBe(415);
    expect(refuseCrossSite(post({ "content-type": "text/plain", origin: "http://127.0.0.1:3100" }), APP)?.status).toBe(415);
  });

  it("refuse JSON from a foreign origin, or naming none", () => {
    expect(refuseCrossSite(post({ "content-type": "application/json", origin: "https://evil.example" }), APP)?.status).toBe(403);
    expect(refuseCrossSite(post({ "content-type": "application/json" }), APP)?.status).toBe(403);
    // An opaque origin (a sandboxed frame, a file) or one that is no URL: refused, not a crash.
    expect(refuseCrossSite(post({ "content-type": "application/json", origin: "null" }), APP)?.status).toBe(403);
    expect(refuseCrossSite(post({ "content-type": "application/json", origin: "::::" }), APP)?.status).toBe(403);
  });

  it("leave queries (GET) alone: they change nothing", () => {
    expect(refuseCrossSite(new Request("http://127.0.0.1:3100/api/trpc/project.get", { method: "GET" }))).toBeNull();
  });

  it("compares the origin with AUTH_URL, never with the Host or X-Forwarded-Host the sender wrote", () => {
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3100" }), APP)).toBe(true);
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3101" }), APP)).toBe(false);
    expect(isSameOrigin(post({ origin: "https://evil.example", host: "evil.example" }), APP)).toBe(false);
    expect(isSameOrigin(post({ origin: "https://evil.example", "x-forwarded-host": "evil.example" }), APP)).toBe(false);
  });
});

describe("the session cookie set after an invitation or a demo sign-in", () => {
  const session = { sessionToken: "jeton", expires: new Date("2030-01-01T00:00:00Z") };

  it("is HttpOnly, SameSite=Lax and Secure — with the __Secure- name Auth.js reads — over https", () => {
    const response = redirectSignedIn(new Request("https://maillage.example/api/invitation/x", { method: "POST" }), "/projets/1", session);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=jeton;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/; Secure/);
    expect(response.headers.get("location")).toBe("/projets/1");
  });

  it("is Secure behind a proxy that terminated https, and not on plain http (development)", () => {
    const proxied = redirectSignedIn(new Request("http://10.0.0.2:3000/x", { headers: { "x-forwarded-proto": "https" } }), "/", session);
    expect(proxied.headers.get("set-cookie")).toMatch(/; Secure/);
    // Next.js adds x-forwarded-proto to every request it serves: "http" on a plain socket.
    const plain = redirectSignedIn(new Request("http://localhost:3000/x", { headers: { "x-forwarded-proto": "http" } }), "/", session);
    expect(plain.headers.get("set-cookie")).toMatch(/^authjs\.session-token=jeton;/);
    expect(plain.headers.get("set-cookie")).not.toMatch(/Secure/);
    expect(plain.headers.get("set-cookie")).toMatch(/HttpOnly/i);
  });

  it("takes the name Auth.js reads: AUTH_URL's protocol before the proxy's word, as Auth.js does", () => {
    const unsaid = new Request("http://10.0.0.2:3000/x", { headers: { "x-forwarded-proto": "http" } });
    const behindHttps = redirectSignedIn(unsaid, "/", session, { AUTH_URL: "https://maillage.example" });
    expect(behindHttps.headers.get("set-cookie")).toMatch(/^__Secure-authjs\.session-token=jeton;.*; Secure/);
    const proxied = new Request("http://10.0.0.2:3000/x", { headers: { "x-forwarded-proto": "https" } });
    const plainAddress = redirectSignedIn(proxied, "/", session, { AUTH_URL: "http://127.0.0.1:3100" });
    expect(plainAddress.headers.get("set-cookie")).toMatch(/^authjs\.session-token=jeton;/);
  });
});

describe("the client's address for the per-address limits", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("with no trusted proxy, is the socket's peer, whatever X-Forwarded-For says", () => {
    const spoofed = headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "198.51.100.1, 198.51.100.2" });
    expect(clientIp(spoofed, 0)).toBe("203.0.113.7");
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.1" }), 0)).toBe("unknown");
  });

  it("behind N proxies that append, is the N-th address from the end: the ones before are the client's words", () => {
    const chain = headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "198.51.100.1, 203.0.113.7, 10.0.0.1" });
    expect(clientIp(chain, 1)).toBe("10.0.0.1");
    expect(clientIp(chain, 2)).toBe("203.0.113.7");
    // Fewer entries than proxies (a request that did not pass them all): the first one written.
    expect(clientIp(chain, 5)).toBe("198.51.100.1");
    expect(clientIp(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2" }), 1)).toBe("10.0.0.2");
  });

  it("is stamped from the socket on every request a server of this process receives, over the client's own header", async () => {
    await installPeerAddressStamp();
    const server = createServer((request, response) => response.end(JSON.stringify(request.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const seen = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        { host: "127.0.0.1", port, headers: { [PEER_ADDRESS_HEADER]: "198.51.100.9", "x-forwarded-for": "198.51.100.9" } },
        (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve(body));
        },
      );
      request.on("error", reject);
      request.end();
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(JSON.parse(seen)).toBe("127.0.0.1");
  });
});
