// A stand-in for ProConnect: a real OpenID provider (`oidc-provider`) on a loopback port, with
// ProConnect's scopes and claims (siret, usual_name…), a signed userinfo JWT, end-session, and a
// login page that lists its agents. The integration tests drive it over HTTP; the browser test
// clicks through it (tests/support/proconnect-stand-in-cli.ts).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK } from "jose";
import Provider from "oidc-provider";

export type StandInAgent = { sub: string; email: string; given_name: string; usual_name: string; siret: string; uid: string };

/** An agent of the mairie of Die (SIREN 212601132), one of a private company (SIREN of no territory). */
export const DIE_AGENT: StandInAgent = {
  sub: "agent-die-0001",
  email: "secretariat@mairie-die.example",
  given_name: "Nadia",
  usual_name: "Roux",
  siret: "21260113200011",
  uid: "die-0001",
};
export const COMPANY_AGENT: StandInAgent = {
  sub: "agent-entreprise-0002",
  email: "contact@scop-exemple.example",
  given_name: "Paul",
  usual_name: "Martin",
  siret: "44306184100047",
  uid: "entreprise-0002",
};

/** The one client the stand-in knows: this site, as ProConnect registers a service provider. */
export const STAND_IN_CLIENT = { clientId: "maillage-test", clientSecret: "secret-du-fournisseur-de-service-de-test" };

export type StandIn = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  agents: Map<string, StandInAgent>;
  /** When true, userinfo answers are signed with a key the issuer does not publish. */
  forgeUserinfo: boolean;
  close(): Promise<void>;
};

function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => resolve(new URLSearchParams(body)));
    request.on("error", reject);
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export async function startProConnectStandIn(options: {
  port?: number;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  agents?: StandInAgent[];
}): Promise<StandIn> {
  const agents = new Map((options.agents ?? [DIE_AGENT, COMPANY_AGENT]).map((agent) => [agent.sub, agent]));
  const signing = await generateKeyPair("RS256", { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(signing.privateKey)), kid: "stand-in-1", alg: "RS256", use: "sig" };
  const foreignKey = (await generateKeyPair("RS256", { extractable: true })).privateKey;

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
  const standIn: StandIn = {
    issuer,
    ...STAND_IN_CLIENT,
    agents,
    forgeUserinfo: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: standIn.clientId,
        client_secret: standIn.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        id_token_signed_response_alg: "RS256",
        userinfo_signed_response_alg: "RS256",
      },
    ],
    jwks: { keys: [signingJwk] },
    scopes: ["openid", "email", "given_name", "usual_name", "siret", "uid"],
    claims: { openid: ["sub"], email: ["email"], given_name: ["given_name"], usual_name: ["usual_name"], siret: ["siret"], uid: ["uid"] },
    features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    cookies: { keys: ["cle-des-cookies-du-faux-proconnect"] },
    interactions: { url: (_ctx, interaction) => `/api/v2/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const agent = agents.get(sub);
      return agent ? { accountId: sub, claims: () => ({ ...agent }) } : undefined;
    },
  });
  provider.proxy = false;
  // Why the stand-in refused a request, in the browser tests' server log.
  provider.on("grant.error", (_ctx, error: Error & { error_detail?: string }) => console.error("stand-in grant error:", error.message, error.error_detail));
  provider.on("server_error", (_ctx, error: Error) => console.error("stand-in server error:", error));
  // A forger who holds another key: the same claims and key id, signed by a key the issuer never published.
  provider.use(async (ctx, next) => {
    await next();
    if (!standIn.forgeUserinfo || !ctx.path.endsWith("/me") || typeof ctx.body !== "string") return;
    const claims = decodeJwt(ctx.body);
    const header = decodeProtectedHeader(ctx.body);
    ctx.body = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: header.kid ?? "stand-in-1" }).sign(foreignKey);
  });
  const callback = provider.callback();

  server.on("request", (request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const interaction = /^\/api\/v2\/interaction\/([^/]+)$/.exec(url.pathname);
    if (!interaction) {
      // oidc-provider serves the paths below the issuer's.
      request.url = `${url.pathname.replace(/^\/api\/v2/, "") || "/"}${url.search}`;
      void callback(request, response);
      return;
    }
    void (async () => {
      try {
        const details = await provider.interactionDetails(request, response);
        if (request.method === "GET") {
          const buttons = [...agents.values()]
            .map(
              (agent) =>
                `<button type="submit" name="sub" value="${escapeHtml(agent.sub)}">${escapeHtml(`${agent.given_name} ${agent.usual_name}`)} — ${escapeHtml(agent.email)}</button>`,
            )
            .join("<br>");
          response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          response.end(
            `<!doctype html><html lang="fr"><title>ProConnect (essai)</title><main><h1>ProConnect — connexion d'essai</h1><form method="post">${buttons}</form></main></html>`,
          );
          return;
        }
        const sub = (await readForm(request)).get("sub") ?? "";
        if (!agents.has(sub)) {
          response.writeHead(400).end("unknown agent");
          return;
        }
        const grant = new provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(request, response, { login: { accountId: sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
      } catch (error) {
        response.writeHead(500).end(String(error));
      }
    })();
  });
  return standIn;
}

/** An agent of the mairie of Crest (SIREN 212601082), which the demo leaves alone: the browser test signs in as them. */
export const CREST_AGENT: StandInAgent = {
  sub: "agent-crest-0003",
  email: "accueil@mairie-crest.example",
  given_name: "Karim",
  usual_name: "Benali",
  siret: "21260108200013",
  uid: "crest-0003",
};
