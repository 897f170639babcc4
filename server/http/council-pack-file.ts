// GET /api/territoire/[id]/dossier-conseil: the council pack as a DOCX download, for the
// authority's verified members (and platform admins); anyone else is told it does not exist.
import type { DbOrTx } from "@/db";
import { councilPackDocx } from "./council-pack-docx";
import { DomainError, httpStatusOf } from "@/server/errors";
import type { Locale } from "@/server/i18n/config";
import type { Actor } from "@/server/services/access";
import { buildCouncilPack } from "@/server/services/council-pack";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function answerCouncilPackRequest(db: DbOrTx, actor: Actor | null, authorityId: string, locale: Locale, now = new Date()): Promise<Response> {
  try {
    if (!actor) throw new DomainError("UNAUTHORIZED", "signInFirst");
    if (!UUID.test(authorityId)) throw new DomainError("NOT_FOUND", "authorityNotFound");
    const pack = await buildCouncilPack(db, actor, authorityId, now);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(now);
    return new Response(new Blob([(await councilPackDocx(pack, locale)) as BlobPart]), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": `attachment; filename="dossier-conseil-${day}.docx"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.messageIn(locale) }, { status: httpStatusOf(error.code) });
    throw error;
  }
}
