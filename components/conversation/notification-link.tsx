"use client";
// A notification's link: opening it reads it, and it lands on the thing itself (the milestone,
// the proposal, the comment), not the top of the project.
import Link from "next/link";
import type { ReactNode } from "react";
import { useApiMutation } from "@/components/forms/use-api-mutation";

export function NotificationLink({ notificationId, href, unread, children }: { notificationId: string; href: string; unread: boolean; children: ReactNode }) {
  const mark = useApiMutation((api) => api.notification.markRead);
  return (
    <Link href={href} onClick={() => (unread ? mark.mutate({ ids: [notificationId] }) : undefined)}>
      {children}
    </Link>
  );
}
