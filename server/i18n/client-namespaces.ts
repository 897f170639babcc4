// The messages sent to the browser: client components get only those of their part of the site,
// the root's (its error page) and their route segment's. tests/unit/messages.test.ts follows every
// page's imports and checks that each namespace its client components read is sent with it.
import type fr from "@/messages/fr.json";

type Namespace = keyof typeof fr;

export const ROOT_CLIENT_NAMESPACES = ["errorPage", "offline"] as const satisfies readonly Namespace[];

export const SEGMENT_CLIENT_NAMESPACES = {
  // The home page (a route group: its address is /), for « À traiter »'s answer controls.
  "(accueil)": ["common", "holders", "moderation", "organisation", "projectPage"],
  admin: ["admin", "common", "organisation"],
  collectivites: ["common", "offices", "organisation", "territoryKinds", "territoryPicker"],
  compte: ["account", "common", "emailPrefs"],
  notifications: ["notifications"],
  organisations: ["common", "holders", "legalForms", "moderation", "offices", "organisation", "roles"],
  projets: [
    "barometer",
    "common",
    "conversation",
    "follow",
    "holders",
    "invite",
    "levers",
    "milestoneKinds",
    "milestoneStatuses",
    "moderation",
    "offices",
    "print",
    "project",
    "projectPage",
    "publicProjects",
    "sectors",
    "stages",
    "territoryKinds",
    "territoryPicker",
  ],
  reseaux: ["common", "moderation", "network", "portfolioImport", "print", "projectPage"],
  suivis: ["calendar"],
  territoire: ["print"],
} as const satisfies Record<string, readonly Namespace[]>;

export type ClientSegment = keyof typeof SEGMENT_CLIENT_NAMESPACES;
