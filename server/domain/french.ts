// French elision of « de » before a vowel: « passer d'Observation à Collaboration », « Commentaire
// d'Élise Morel ». Messages that put a name or a stage after « de » take the elided form from here,
// since the message format cannot look at a value's first letter.

/** Starts with a vowel sound French elides before (a mute h is left out: « de Henri », « de Hauteville »). */
const ELIDES = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;

/** « de X » or « d'X ». */
export function ofFrench(word: string): string {
  return ELIDES.test(word.trim()) ? `d'${word}` : `de ${word}`;
}
