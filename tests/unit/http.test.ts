import { describe, expect, it } from "vitest";
import { isSameOrigin, refuseCrossSite } from "@/server/http";

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3100/api/trpc/project.update", { method: "POST", headers: { host: "127.0.0.1:3100", ...headers }, body: "{}" });

describe("cross-site requests to tRPC", () => {
  it("let the app's own JSON mutations through", () => {
    expect(refuseCrossSite(post({ "content-type": "application/json", origin: "http://127.0.0.1:3100" }))).toBeNull();
  });

  it("refuse a form post, even from the same origin", () => {
    expect(refuseCrossSite(post({ "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:3100" }))?.status).toBe(415);
    expect(refuseCrossSite(post({ "content-type": "text/plain", origin: "http://127.0.0.1:3100" }))?.status).toBe(415);
  });

  it("refuse JSON from a foreign origin, or naming none", () => {
    expect(refuseCrossSite(post({ "content-type": "application/json", origin: "https://evil.example" }))?.status).toBe(403);
    expect(refuseCrossSite(post({ "content-type": "application/json" }))?.status).toBe(403);
  });

  it("leave queries (GET) alone: they change nothing", () => {
    expect(refuseCrossSite(new Request("http://127.0.0.1:3100/api/trpc/project.get", { method: "GET" }))).toBeNull();
  });

  it("compares the origin with the host the request came to", () => {
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3100" }))).toBe(true);
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3101" }))).toBe(false);
  });
});
