import { getFormatter, getTranslations } from "next-intl/server";
import { MarkAllRead } from "@/components/conversation/mark-all-read";
import { NotificationLink } from "@/components/conversation/notification-link";
import { Badge, EmptyState, PageHeader } from "@/components/ui/primitives";
import { serverApi } from "@/server/api/server";
import { payloadValues } from "@/server/domain/notifications";
import { requireSignedIn } from "@/server/auth/guard";

/** The item a notification is about, on its project's page: the milestone, the relationship whose stage is proposed, the comment. */
function projectTarget(projectId: string, payload: Record<string, string>): string {
  const anchor = payload.milestoneId
    ? `#jalon-${payload.milestoneId}`
    : payload.relationshipId
      ? `#relationship-${payload.relationshipId}`
      : payload.commentId
        ? `#commentaire-${payload.commentId}`
        : "";
  return `/projets/${projectId}${anchor}`;
}

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
                {notification.projectId ? (
                  <NotificationLink
                    notificationId={notification.id}
                    href={projectTarget(notification.projectId, notification.payload)}
                    unread={!notification.readAt}
                  >
                    {notification.projectTitle}
                  </NotificationLink>
                ) : null}
                {!notification.projectId && notification.payload.organisationId ? (
                  <NotificationLink
                    notificationId={notification.id}
                    href={`/organisations/${notification.payload.organisationId}`}
                    unread={!notification.readAt}
                  >
                    {notification.payload.organisation}
                  </NotificationLink>
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
