// The layout of the route segments whose pages change things through tRPC: its client and
// TanStack Query load there, not on pages that only read (the sign-in page, "Mes projets").
import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/components/trpc";

export default function TRPCLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
