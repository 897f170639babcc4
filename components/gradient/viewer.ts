// Which sides of a relationship the person viewing the project may act for.
import type { Side } from "@/server/domain/gradient";

export type Viewer = {
  isCollectiveMember: boolean;
  authorities: { authorityId: string; verified: boolean }[];
  moderatedNetworks: string[];
  isPlatformAdmin: boolean;
  publicOnly: boolean;
};

export function sidesFor(viewer: Viewer, authorityId: string): Side[] {
  const sides: Side[] = [];
  if (viewer.isCollectiveMember) sides.push("collective");
  if (viewer.authorities.some((authority) => authority.authorityId === authorityId && authority.verified)) sides.push("authority");
  return sides;
}
