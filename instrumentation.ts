// Next.js calls register() once when a server starts: the peer-address stamp and the scheduled jobs start with it.
export async function register() {
  // Not while `next build` loads the app to prerender: jobs belong to a running server.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installPeerAddressStamp } = await import("./server/peer-address");
  await installPeerAddressStamp();
  const { startJobs } = await import("./server/jobs");
  // The server serves pages whether or not its jobs started: other instances run them too.
  await startJobs().catch((error: unknown) => console.error("scheduled jobs did not start", error));
}
