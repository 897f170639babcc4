// A short quote of what someone wrote, for a notification or an email: cut between words, with an
// ellipsis that says it was cut.

export const EXCERPT_LENGTH = 140;

/** « Madame la maire, seriez-vous disponible samedi ? » cut to `max` characters at most, ellipsis included. */
export function excerptOf(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const room = flat.slice(0, max - 1);
  // The room ends between two words, or at the last space in it; a single very long word is cut where it must be.
  const lastSpace = flat.charAt(room.length) === " " ? room.length : room.lastIndexOf(" ");
  const cut = lastSpace > max / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.!?…–—-]+$/u, "")}…`;
}
