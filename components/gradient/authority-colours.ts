// The colour an authority is drawn in, wherever it is drawn.

const PALETTE = ["#1d5c4f", "#b5562a", "#21618c", "#6b4c9a", "#8a6d00", "#a3261b"];

/**
 * Each authority's colour, the same on every chart it appears in: picked from its id, the next
 * free one when two of the same chart would share it.
 */
export function authorityColours(authorityIds: string[]): Map<string, string> {
  const colours = new Map<string, string>();
  const taken = new Set<number>();
  for (const id of authorityIds) {
    let slot = [...id].reduce((sum, character) => (sum * 31 + character.charCodeAt(0)) % 9973, 7) % PALETTE.length;
    for (let tries = 0; taken.has(slot) && tries < PALETTE.length; tries += 1) slot = (slot + 1) % PALETTE.length;
    taken.add(slot);
    colours.set(id, PALETTE[slot] ?? "#1d5c4f");
  }
  return colours;
}
