// For pages that need a signed-in person: send everyone else to the sign-in page, then back.
import "server-only";
import { redirect } from "next/navigation";
import { currentActor } from "@/server/api/context";

export async function requireSignedIn(returnTo: string) {
  const actor = await currentActor();
  if (!actor) redirect(`/connexion?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
