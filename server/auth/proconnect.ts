// ProConnect, the State's identity federation for public agents and professionals: an OpenID
// Connect provider beside the emailed link. Its userinfo endpoint answers with a signed JWT;
// Auth.js (oauth4webapi) reads that JWT's claims without checking its signature, so every answer
// from ProConnect's token and userinfo endpoints goes through verifiedFetch first, against the
// issuer's published keys.
import { customFetch } from "@auth/core";
import type { OIDCConfig } from "@auth/core/providers";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";

export type ProConnectSettings = { issuer: string; clientId: string; clientSecret: string };

export const PROCONNECT_PROVIDER_ID = "proconnect";

/** What ProConnect says of a person, once its signature is checked. */
export type ProConnectProfile = JWTPayload & {
  sub: string;
  email: string;
  given_name?: string;
  usual_name?: string;
  siret?: string;
  uid?: string;
};

const ZDiscovery = z.object({
  issuer: z.string(),
  token_endpoint: z.url(),
  userinfo_endpoint: z.url(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
});

type Issuer = { metadata: z.infer<typeof ZDiscovery>; keys: ReturnType<typeof createRemoteJWKSet> };

/** One discovery per issuer and process; its keys are fetched again when an unknown `kid` shows up (jose). */
const issuers = new Map<string, Promise<Issuer>>();

export function discoverIssuer(issuer: string): Promise<Issuer> {
  const cached = issuers.get(issuer);
  if (cached) return cached;
  const discovered = (async () => {
    const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`ProConnect discovery answered ${response.status}`);
    const metadata = ZDiscovery.parse(await response.json());
    return { metadata, keys: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
  })();
  // A failed discovery is not kept: the next sign-in tries again.
  discovered.catch(() => issuers.delete(issuer));
  issuers.set(issuer, discovered);
  return discovered;
}

/** Checks a JWT from the issuer: its signature against the issuer's keys, and `iss`/`aud` where present. */
async function verifyIssuerJwt(token: string, issuer: Issuer, clientId: string): Promise<void> {
  const { payload } = await jwtVerify(token, issuer.keys, { algorithms: ["RS256", "ES256", "PS256"] });
  if (payload.iss !== undefined && payload.iss !== issuer.metadata.issuer) throw new Error("ProConnect JWT from another issuer");
  const audience = payload.aud === undefined ? [clientId] : [payload.aud].flat();
  if (!audience.includes(clientId)) throw new Error("ProConnect JWT for another client");
}

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  return input instanceof Request ? input.url : String(input);
}

/** fetch, with the token endpoint's ID token and the userinfo JWT verified before Auth.js reads them. */
export function verifiedFetch(settings: ProConnectSettings): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = requestUrl(input);
    if (url.endsWith("/.well-known/openid-configuration") || !response.ok) return response;
    const issuer = await discoverIssuer(settings.issuer);
    if (url === issuer.metadata.userinfo_endpoint) {
      if (response.headers.get("content-type")?.split(";")[0]?.trim() !== "application/jwt") throw new Error("ProConnect userinfo is not a signed JWT");
      const body = await response.text();
      await verifyIssuerJwt(body, issuer, settings.clientId);
      return new Response(body, { status: response.status, headers: response.headers });
    }
    if (url === issuer.metadata.token_endpoint) {
      const body = await response.text();
      const idToken = z.object({ id_token: z.string() }).safeParse(JSON.parse(body));
      if (!idToken.success) throw new Error("ProConnect token response without an ID token");
      await verifyIssuerJwt(idToken.data.id_token, issuer, settings.clientId);
      return new Response(body, { status: response.status, headers: response.headers });
    }
    return response;
  };
}

export function proConnectProvider(settings: ProConnectSettings): OIDCConfig<ProConnectProfile> {
  return {
    id: PROCONNECT_PROVIDER_ID,
    name: "ProConnect",
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: "openid email given_name usual_name siret uid" } },
    checks: ["pkce", "state", "nonce"],
    // The person's claims come from the userinfo endpoint, not the ID token.
    idToken: false,
    // ProConnect's identity providers vouch for the address: an account made by emailed link is the same person.
    allowDangerousEmailAccountLinking: true,
    profile(profile) {
      const name = [profile.given_name, profile.usual_name].filter(Boolean).join(" ").trim();
      return { id: profile.sub, email: profile.email, name: name || null };
    },
    [customFetch]: verifiedFetch(settings),
  };
}

/** Where sign-out sends someone whose session ProConnect opened: its end_session_endpoint, which comes back here. */
export async function proConnectSignOutUrl(settings: ProConnectSettings, idToken: string, returnTo: string): Promise<string | null> {
  try {
    const { metadata } = await discoverIssuer(settings.issuer);
    if (!metadata.end_session_endpoint) return null;
    const url = new URL(metadata.end_session_endpoint);
    url.searchParams.set("id_token_hint", idToken);
    url.searchParams.set("state", crypto.randomUUID());
    url.searchParams.set("post_logout_redirect_uri", returnTo);
    return url.toString();
  } catch {
    // ProConnect unreachable: the session here has ended all the same.
    return null;
  }
}
