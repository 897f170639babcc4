// When a page was rendered, written into it: read later from the kept copy, the offline banner's
// « version du 2 décembre à 14 h 05 » tells how old what is shown is.
import type { Locale } from "@/server/i18n/config";

/** The time of this version, in Paris: « 2 décembre à 14 h 05 », « 2 December, 14:05 ». */
export function versionTime(at: Date, locale: Locale): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      timeZone: "Europe/Paris",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return locale === "fr"
    ? `${parts.day} ${parts.month} à ${Number(parts.hour)} h ${parts.minute}`
    : `${parts.day} ${parts.month}, ${parts.hour}:${parts.minute}`;
}
