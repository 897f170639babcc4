// The ProConnect stand-in as a process, for the browser tests (playwright.config.ts starts it):
// tsx tests/support/proconnect-stand-in-cli.ts <port> <the app's origin>
import { CREST_AGENT, startProConnectStandIn } from "./proconnect-stand-in";

const [port = "3102", app = "http://127.0.0.1:3100"] = process.argv.slice(2);
const standIn = await startProConnectStandIn({
  port: Number(port),
  redirectUris: [`${app}/api/auth/callback/proconnect`],
  postLogoutRedirectUris: [`${app}/`],
  agents: [CREST_AGENT],
});
console.log(`ProConnect stand-in at ${standIn.issuer}`);
