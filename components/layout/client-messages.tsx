// Hands client components the messages of their part of the site (server/i18n/client-namespaces.ts):
// every page used to carry all of them, some 32 kB of text in each HTML response.
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { ROOT_CLIENT_NAMESPACES, SEGMENT_CLIENT_NAMESPACES, type ClientSegment } from "@/server/i18n/client-namespaces";

export async function ClientMessages({ segment, children }: { segment?: ClientSegment; children: ReactNode }) {
  const messages = await getMessages();
  const namespaces = [...ROOT_CLIENT_NAMESPACES, ...(segment ? SEGMENT_CLIENT_NAMESPACES[segment] : [])];
  return (
    <NextIntlClientProvider messages={Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]))}>{children}</NextIntlClientProvider>
  );
}
