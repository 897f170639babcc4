// What the API answers, as components see it: types taken from the app router's outputs, not
// from the services behind it.
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type ProjectOverview = RouterOutputs["project"]["overview"];
export type ProjectSummary = RouterOutputs["project"]["listMine"][number];
export type DeskAwaiting = RouterOutputs["desk"]["awaiting"];
export type ObservatoryPage = RouterOutputs["observatory"]["page"];
