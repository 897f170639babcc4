import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { MarkAllRead } from "@/components/conversation/mark-all-read";
import { Badge, EmptyState, PageHeader } from "@/components/ui/primitives";
import { serverApi } from "@/server/api/server";
import { payloadValues } from "@/server/domain/notifications";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage() {
  await requireSignedIn("/notifications");
  const t = await getTranslations("notifications");
  const format = await getFormatter();
  const notifications = await (await serverApi()).notification.list();
  const unread = notifications.some((notification) => notification.readAt === null);
  return (
    <div>
      <PageHeader title={t("title")}>{unread ? <MarkAllRead /> : null}</PageHeader>
      {notifications.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-line rounded-xl border border-line bg-white">
          {notifications.map((notification) => (
            <li key={notification.id} className={`p-4 ${notification.readAt ? "" : "bg-brand-soft/60"}`}>
              <p className="flex flex-wrap items-center gap-2">
                {notification.readAt ? null : <Badge tone="good">{t("unread")}</Badge>}
                <span>{t(`kinds.${notification.kind}`, { ...payloadValues(notification.payload), actor: notification.actorName ?? "—" })}</span>
                {notification.payload.reason ? <span className="w-full text-sm">{t("reason", { reason: notification.payload.reason })}</span> : null}
              </p>
              <p className="mt-1 text-sm text-muted">
                {notification.projectId ? <Link href={`/projets/${notification.projectId}`}>{notification.projectTitle}</Link> : null}
                {!notification.projectId && notification.payload.organisationId ? (
                  <Link href={`/organisations/${notification.payload.organisationId}`}>{notification.payload.organisation}</Link>
                ) : null}
                {" · "}
                {format.dateTime(notification.createdAt, { dateStyle: "long", timeStyle: "short" })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
