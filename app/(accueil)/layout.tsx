import type { ReactNode } from "react";
import { ClientMessages } from "@/components/layout/client-messages";

// The home page's own part of the site: « À traiter » answers there with the project page's controls.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages segment="(accueil)">{children}</ClientMessages>;
}
