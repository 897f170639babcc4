import type { MetadataRoute } from "next";

/** Installable: on a phone's home screen, Maillage opens like an app, in French. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Maillage — projets collectifs et collectivités",
    short_name: "Maillage",
    description: "Le dossier partagé d'un projet collectif et des collectivités qui l'entourent, et où en est leur relation.",
    lang: "fr",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#fbfaf6",
    theme_color: "#1d5c4f",
    icons: [
      { src: "/icon/192", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon/512", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon/maskable", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
