import { getTranslations } from "next-intl/server";
import { OutboxList } from "@/components/offline/outbox-list";
import { PageHeader } from "@/components/ui/primitives";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("offline"))("title") };
}

/** The outbox: what was written without signal, waiting to be sent or refused on the way. */
export default async function OutboxPage() {
  const actor = await requireSignedIn("/envois");
  const t = await getTranslations("offline");
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <OutboxList userId={actor.userId} />
    </div>
  );
}
