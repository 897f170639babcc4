"use client";
// The forms of the project page's "Dossier" and "Baromètre" tabs: the page is one module, so
// without this every visitor of the overview would download them too.
import { lazyComponent } from "@/components/ui/lazy-component";

export const BarometerForm = lazyComponent(() => import("@/components/gradient/barometer-form").then((module) => module.BarometerForm));
export const ProjectFileForm = lazyComponent(() => import("@/components/projects/project-file-form").then((module) => module.ProjectFileForm));
export const PublicRequest = lazyComponent(() => import("@/components/projects/public-request").then((module) => module.PublicRequest));
export const NetworkInvitationAnswer = lazyComponent(() =>
  import("@/components/networks/network-invitation-answer").then((module) => module.NetworkInvitationAnswer),
);
export const RequestNetworkForm = lazyComponent(() => import("@/components/networks/request-network-form").then((module) => module.RequestNetworkForm));
export const HolderAction = lazyComponent(() => import("@/components/projects/holder-actions").then((module) => module.HolderAction));
export const HolderInviteForm = lazyComponent(() => import("@/components/projects/holder-actions").then((module) => module.HolderInviteForm));
export const ProjectStatusControl = lazyComponent(() => import("@/components/projects/project-status-control").then((module) => module.ProjectStatusControl));
