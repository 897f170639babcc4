// Strings that open-redirect scanners try on a return path, generated from pieces that browsers
// read specially: slashes and backslashes, dot segments, schemes, credentials, controls.
import fc from "fast-check";

const PIECES = [
  "/",
  "//",
  "\\",
  "/\\",
  "\\/",
  ".",
  "..",
  "./",
  "/./",
  ":",
  "@",
  "%2F",
  "%5C",
  "%2f",
  "#",
  "?",
  "\t",
  "\n",
  "\r",
  " ",
  "\u0000",
  "evil.example",
  "127.0.0.1",
  "maillage.example",
  "http:",
  "https:",
  "javascript:",
  "data:",
  "projets",
  "connexion",
  "%09",
  "%0a",
];

export const returnPathCorpus = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join(""));
