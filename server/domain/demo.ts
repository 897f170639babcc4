// The demo cast, in and around Die (Drôme) and the CC du Diois: who one can sign in as in demo mode.

export const DEMO_EMAIL_DOMAIN = "demo.maillage.test";

export const DEMO_IDS = {
  collective: "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a01",
  otherCollective: "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a02",
  network: "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a03",
  project: "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0b01",
  secondProject: "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0b02",
} as const;

export const DEMO_TERRITORIES = {
  commune: "commune-26113", // Die
  epci: "epci-242600534", // CC du Diois
  otherCommune: "commune-26086", // Châtillon-en-Diois
} as const;

/** `key` names the person's description in the message files (demo.people.<key>). */
export const DEMO_PEOPLE = [
  { key: "mayor", name: "Élise Morel", email: `elise.morel@${DEMO_EMAIL_DOMAIN}` },
  { key: "epciOfficial", name: "Jean-Marc Faure", email: `jean-marc.faure@${DEMO_EMAIL_DOMAIN}` },
  { key: "collectiveAdmin", name: "Camille Roux", email: `camille.roux@${DEMO_EMAIL_DOMAIN}` },
  { key: "collectiveMember", name: "Thomas Blanc", email: `thomas.blanc@${DEMO_EMAIL_DOMAIN}` },
  { key: "councillor", name: "Lucas Bernard", email: `lucas.bernard@${DEMO_EMAIL_DOMAIN}` },
  { key: "moderator", name: "Sophie Garnier", email: `sophie.garnier@${DEMO_EMAIL_DOMAIN}` },
  { key: "platformAdmin", name: "Nadia Lefèvre", email: `nadia.lefevre@${DEMO_EMAIL_DOMAIN}` },
] as const;

export type DemoPersonKey = (typeof DEMO_PEOPLE)[number]["key"];

export function demoPerson(key: DemoPersonKey) {
  const person = DEMO_PEOPLE.find((candidate) => candidate.key === key);
  if (!person) throw new Error(`unknown demo person ${key}`);
  return person;
}
