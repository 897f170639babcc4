// The demo's trust in motion: ten projects of the Diois with their authorities, two years of
// milestones and stage changes (one going backwards), pending proposals and barometer answers.
import type { Side, Stage, LeverId } from "@/server/domain/gradient";
import { recommendedLevers, INDICATORS, STAGES, stageRank } from "@/server/domain/gradient";
import type { MilestoneKind } from "@/server/domain/milestones";
import type { FundingSource, FundingStatus, Need, CollectiveStage } from "@/server/domain/project-file";
import type { LegalForm } from "@/server/domain/organisations";
import type { Sector } from "@/server/domain/sectors";

/** Deterministic ids, so that seeding twice inserts nothing new. */
export const demoUuid = (n: number) => `5b0f0d7e-3c55-4c8e-9a51-${n.toString(16).padStart(12, "0")}`;

export const DEMO_AUTHORITIES = {
  die: { territoryId: "commune-26113", official: "mayor" },
  diois: { territoryId: "epci-242600534", official: "epciOfficial" },
  chatillon: { territoryId: "commune-26086", official: { name: "Martine Vial", office: "maire" } },
  luc: { territoryId: "commune-26167", official: { name: "Paul Reynaud", office: "maire" } },
  romeyer: { territoryId: "commune-26282", official: { name: "Anne Chabert", office: "maire" } },
  marignac: { territoryId: "commune-26175", official: { name: "Gilles Faure", office: "adjoint" } },
  drome: { territoryId: "departement-26", official: { name: "Sylvie Arnaud", office: "conseiller_departemental" } },
  aura: { territoryId: "region-84", official: { name: "Hugo Bonnet", office: "conseiller_regional" } },
} as const;
export type DemoAuthority = keyof typeof DEMO_AUTHORITIES;

export const DEMO_COLLECTIVES = {
  fabrique: {
    id: "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a01",
    name: "SCIC La Fabrique du Diois",
    legalForm: "scic",
    admin: "collectiveAdmin",
    members: ["collectiveMember"],
  },
  jardins: {
    id: "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a02",
    name: "Association Les Jardins partagés de Châtillon",
    legalForm: "association",
    admin: "collectiveMember",
    members: [],
  },
  habitat: { id: demoUuid(0xc01), name: "Coopérative d'habitants Les Trois Becs", legalForm: "other", admin: "collectiveAdmin", members: [] },
  ptce: { id: demoUuid(0xc02), name: "PTCE Vallée de la Drôme", legalForm: "ptce", admin: "collectiveAdmin", members: [] },
  velo: { id: demoUuid(0xc03), name: "Atelier vélo du Diois", legalForm: "association", admin: "collectiveMember", members: [] },
  sante: { id: demoUuid(0xc04), name: "SCIC Santé en Diois", legalForm: "scic", admin: "collectiveAdmin", members: [] },
} as const satisfies Record<string, { id: string; name: string; legalForm: LegalForm; admin: string; members: readonly string[] }>;
export type DemoCollective = keyof typeof DEMO_COLLECTIVES;

/** A holding structure of a demo project: one of the collectives, or a public body holding a share. */
export type DemoHolder = { collective: DemoCollective } | { authority: DemoAuthority };

/** `holder`: on the collective side of a co-held project, which holding structure spoke (the lead by default). */
type Step = { stage: Stage; on: string; by: Side; reason: string; holder?: DemoHolder };
export type DemoRelationship = {
  authority: DemoAuthority;
  steps: Step[];
  pending?: { to: Stage; by: Side; reason: string; on: string; note?: string; holder?: DemoHolder };
  /** How each side rates the indicators: around the stage it feels (0 = no answer). */
  feels?: { collective: Stage; authority: Stage };
};
export type DemoProject = {
  n: number;
  title: string;
  summary: string;
  collective: DemoCollective;
  /** The other holding structures of a project held by several (a PTCE). */
  coHolders?: DemoHolder[];
  communes: string[];
  sector: Sector;
  collectiveStage: CollectiveStage;
  jobsNow: number;
  jobsPotential: number;
  needs: Need[];
  funding: { source: FundingSource; label: string; amountEuros: number; status: FundingStatus }[];
  heldByNetwork: boolean;
  /** A file its collective made public: named in the directory and the observatory. */
  public?: boolean;
  relationships: DemoRelationship[];
};

export const DEMO_PROJECTS: DemoProject[] = [
  {
    n: 1,
    title: "Tiers-lieu de l'ancienne gare de Die",
    summary: "Transformer l'ancienne halle marchandises en tiers-lieu : atelier partagé, café associatif et espace de travail pour les habitants du Diois.",
    collective: "fabrique",
    communes: ["commune-26113"],
    sector: "tiers_lieu",
    collectiveStage: "running",
    jobsNow: 3,
    jobsPotential: 9,
    needs: ["land", "funding"],
    funding: [
      { source: "region", label: "Appel à projets tiers-lieux", amountEuros: 60000, status: "granted" },
      { source: "epci", label: "Fonds de concours", amountEuros: 25000, status: "paid" },
      { source: "scic_shares", label: "Parts sociales des sociétaires", amountEuros: 18000, status: "paid" },
      { source: "citizens", label: "Financement participatif", amountEuros: 9500, status: "paid" },
    ],
    heldByNetwork: true,
    relationships: [
      {
        authority: "die",
        steps: [
          { stage: "defiance", on: "2024-11-05", by: "collective", reason: "La mairie doutait de la viabilité du projet." },
          { stage: "observation", on: "2025-02-18", by: "collective", reason: "Réunion publique et visite de la halle avec les élus." },
          { stage: "collaboration", on: "2025-07-02", by: "authority", reason: "Convention d'occupation temporaire de la halle." },
          { stage: "coportage", on: "2026-03-24", by: "authority", reason: "La commune entre au capital de la SCIC." },
        ],
        feels: { collective: "coportage", authority: "coportage" },
      },
      {
        authority: "diois",
        steps: [
          { stage: "observation", on: "2025-03-10", by: "collective", reason: "Présentation au bureau communautaire." },
          { stage: "collaboration", on: "2025-11-14", by: "authority", reason: "Fonds de concours voté pour l'aménagement." },
        ],
        feels: { collective: "collaboration", authority: "observation" },
      },
    ],
  },
  {
    n: 2,
    title: "Jardins partagés et légumerie de Châtillon",
    summary: "Une légumerie collective pour fournir la cantine de l'école avec les légumes des jardins partagés.",
    collective: "jardins",
    communes: ["commune-26086"],
    sector: "alimentation",
    collectiveStage: "creation",
    jobsNow: 0,
    jobsPotential: 2,
    needs: ["land", "expertise"],
    funding: [{ source: "departement", label: "Plan alimentaire territorial", amountEuros: 12000, status: "requested" }],
    heldByNetwork: false,
    relationships: [
      {
        authority: "chatillon",
        steps: [
          { stage: "observation", on: "2025-04-01", by: "collective", reason: "Premier échange avec la mairie." },
          { stage: "collaboration", on: "2026-01-20", by: "authority", reason: "Terrain communal prêté pour les jardins." },
        ],
        feels: { collective: "collaboration", authority: "collaboration" },
      },
      {
        authority: "diois",
        steps: [{ stage: "observation", on: "2025-09-12", by: "collective", reason: "Rencontre avec le service développement." }],
      },
    ],
  },
  {
    n: 3,
    public: true,
    title: "Recyclerie du Diois",
    summary: "Collecter, réparer et revendre objets et meubles, avec des postes en insertion.",
    collective: "fabrique",
    communes: ["commune-26113", "commune-26178"],
    sector: "reemploi",
    collectiveStage: "running",
    jobsNow: 5,
    jobsPotential: 8,
    needs: ["land", "funding", "network"],
    funding: [
      { source: "state", label: "Aide au poste d'insertion", amountEuros: 42000, status: "granted" },
      { source: "own_revenue", label: "Ventes de la boutique", amountEuros: 38000, status: "paid" },
    ],
    heldByNetwork: true,
    relationships: [
      {
        authority: "diois",
        steps: [
          { stage: "observation", on: "2024-12-03", by: "collective", reason: "Présentation en commission déchets." },
          { stage: "collaboration", on: "2025-05-22", by: "authority", reason: "Convention avec la déchetterie intercommunale." },
          { stage: "observation", on: "2026-06-30", by: "authority", reason: "Le nouveau bureau suspend la convention le temps d'un audit." },
        ],
        pending: {
          to: "collaboration",
          by: "collective",
          reason: "L'audit est rendu : nous proposons de reprendre la convention.",
          on: "2026-10-15",
          note: "Le réseau propose une réunion à trois à la Maison des services, le 3 décembre.",
        },
        feels: { collective: "collaboration", authority: "observation" },
      },
      {
        authority: "die",
        steps: [{ stage: "observation", on: "2025-01-15", by: "authority", reason: "La mairie suit le projet en conseil." }],
      },
    ],
  },
  {
    n: 4,
    public: true,
    title: "Épicerie coopérative de Luc-en-Diois",
    summary: "Rouvrir un commerce au village, tenu par ses habitants et ses producteurs.",
    collective: "fabrique",
    communes: ["commune-26167"],
    sector: "commerce",
    collectiveStage: "idea",
    jobsNow: 0,
    jobsPotential: 2,
    needs: ["land", "funding", "skills"],
    funding: [],
    heldByNetwork: false,
    relationships: [
      {
        authority: "luc",
        steps: [{ stage: "defiance", on: "2026-04-08", by: "collective", reason: "La commune a un autre projet pour le local." }],
        pending: { to: "observation", by: "collective", reason: "Le maire a accepté de présenter notre étude de besoins au conseil.", on: "2026-11-02" },
        feels: { collective: "observation", authority: "defiance" },
      },
    ],
  },
  {
    n: 5,
    title: "Habitat partagé des Trois Becs",
    summary: "Six logements en habitat participatif dans l'ancien presbytère, avec une salle commune ouverte au village.",
    collective: "habitat",
    communes: ["commune-26282"],
    sector: "habitat",
    collectiveStage: "creation",
    jobsNow: 0,
    jobsPotential: 1,
    needs: ["land", "expertise"],
    funding: [{ source: "private_funder", label: "Prêt d'une fondation", amountEuros: 150000, status: "requested" }],
    heldByNetwork: false,
    relationships: [
      {
        authority: "romeyer",
        steps: [{ stage: "observation", on: "2025-10-06", by: "collective", reason: "Visite du presbytère avec le conseil municipal." }],
        feels: { collective: "observation", authority: "observation" },
      },
    ],
  },
  {
    n: 6,
    public: true,
    title: "PTCE Vallée de la Drôme",
    summary: "Mettre en réseau les entreprises de l'économie sociale de la vallée pour mutualiser emplois et achats.",
    collective: "ptce",
    communes: ["commune-26113", "commune-26086", "commune-26167"],
    sector: "cooperation",
    collectiveStage: "running",
    jobsNow: 2,
    jobsPotential: 12,
    needs: ["funding", "network"],
    funding: [
      { source: "eu", label: "LEADER", amountEuros: 80000, status: "granted" },
      { source: "region", label: "Soutien aux PTCE", amountEuros: 40000, status: "requested" },
    ],
    heldByNetwork: true,
    relationships: [
      {
        authority: "drome",
        steps: [{ stage: "observation", on: "2025-02-25", by: "collective", reason: "Rencontre avec la vice-présidente à l'économie." }],
        feels: { collective: "collaboration", authority: "observation" },
      },
      {
        authority: "aura",
        steps: [
          { stage: "defiance", on: "2025-01-10", by: "collective", reason: "Premier dossier refusé faute de partenaires publics." },
          { stage: "observation", on: "2025-10-03", by: "authority", reason: "Invitation au comité des PTCE régionaux." },
        ],
      },
    ],
  },
  {
    n: 7,
    title: "Atelier vélo solidaire",
    summary: "Réparer les vélos ensemble, former des jeunes, proposer des vélos d'occasion à petit prix.",
    collective: "velo",
    communes: ["commune-26113"],
    sector: "mobilite",
    collectiveStage: "running",
    jobsNow: 1,
    jobsPotential: 3,
    needs: ["land"],
    funding: [{ source: "commune", label: "Subvention de fonctionnement", amountEuros: 4000, status: "paid" }],
    heldByNetwork: false,
    relationships: [
      {
        authority: "die",
        steps: [
          { stage: "observation", on: "2025-03-03", by: "collective", reason: "Stand commun à la fête du vélo." },
          { stage: "collaboration", on: "2025-09-19", by: "authority", reason: "Local municipal mis à disposition." },
        ],
        feels: { collective: "collaboration", authority: "collaboration" },
      },
    ],
  },
  {
    n: 8,
    title: "Maison de santé de Marignac",
    summary: "Une maison de santé en SCIC réunissant soignants, habitants et collectivités.",
    collective: "sante",
    communes: ["commune-26175"],
    sector: "sante",
    collectiveStage: "running",
    jobsNow: 6,
    jobsPotential: 10,
    needs: ["funding"],
    funding: [
      { source: "state", label: "ARS — exercice coordonné", amountEuros: 50000, status: "paid" },
      { source: "commune", label: "Parts de SCIC de la commune", amountEuros: 10000, status: "paid" },
    ],
    heldByNetwork: false,
    relationships: [
      {
        authority: "marignac",
        steps: [
          { stage: "collaboration", on: "2024-12-12", by: "collective", reason: "Travail commun depuis l'étude de faisabilité." },
          { stage: "coportage", on: "2025-06-05", by: "authority", reason: "Délibération : la commune entre au capital de la SCIC." },
        ],
        feels: { collective: "coportage", authority: "coportage" },
      },
    ],
  },
  {
    n: 9,
    public: true,
    title: "Cantine bio intercommunale",
    summary: "Une cuisine centrale en régie partagée pour les écoles du Diois, approvisionnée localement.",
    collective: "jardins",
    communes: ["commune-26113", "commune-26086"],
    sector: "alimentation",
    collectiveStage: "creation",
    jobsNow: 0,
    jobsPotential: 6,
    needs: ["funding", "expertise"],
    funding: [{ source: "epci", label: "Étude de faisabilité", amountEuros: 15000, status: "granted" }],
    heldByNetwork: false,
    relationships: [
      {
        authority: "diois",
        steps: [
          { stage: "observation", on: "2025-05-06", by: "collective", reason: "Questionnaire aux familles présenté en conseil." },
          { stage: "collaboration", on: "2026-02-10", by: "authority", reason: "L'intercommunalité finance l'étude de faisabilité." },
        ],
        pending: { to: "coportage", by: "authority", reason: "Nous proposons une SCIC dont l'intercommunalité serait sociétaire.", on: "2026-11-12" },
        feels: { collective: "collaboration", authority: "coportage" },
      },
    ],
  },
  {
    n: 10,
    title: "Scierie mobile du Vercors Sud",
    summary: "Une scierie mobile partagée pour valoriser le bois local dans les constructions du territoire.",
    collective: "ptce",
    communes: ["commune-26282", "commune-26113"],
    sector: "bois",
    collectiveStage: "idea",
    jobsNow: 0,
    jobsPotential: 4,
    needs: ["funding", "skills", "network"],
    funding: [],
    heldByNetwork: false,
    relationships: [
      {
        authority: "romeyer",
        steps: [{ stage: "defiance", on: "2026-05-20", by: "collective", reason: "Inquiétudes sur le bruit et les camions." }],
        feels: { collective: "observation", authority: "defiance" },
      },
    ],
  },
  {
    n: 11,
    public: true,
    title: "Pôle de coopération du Diois",
    summary:
      "Un pôle territorial de coopération économique : la SCIC La Fabrique, l'association des Jardins partagés et la commune de Luc-en-Diois mutualisent un local, une comptabilité et deux emplois partagés.",
    collective: "fabrique",
    coHolders: [{ collective: "jardins" }, { authority: "luc" }],
    communes: ["commune-26113", "commune-26167", "commune-26086"],
    sector: "cooperation",
    collectiveStage: "creation",
    jobsNow: 2,
    jobsPotential: 7,
    needs: ["funding", "expertise"],
    funding: [
      { source: "epci", label: "Fonds de développement local", amountEuros: 15000, status: "requested" },
      { source: "commune", label: "Part sociale de la commune de Luc-en-Diois", amountEuros: 2000, status: "paid" },
    ],
    heldByNetwork: true,
    relationships: [
      {
        authority: "die",
        steps: [
          { stage: "observation", on: "2025-10-14", by: "collective", reason: "Présentation du pôle au bureau municipal.", holder: { collective: "jardins" } },
          { stage: "collaboration", on: "2026-06-09", by: "authority", reason: "Convention d'occupation du local de la rue Camille-Buffardel." },
        ],
        feels: { collective: "collaboration", authority: "collaboration" },
      },
      {
        authority: "diois",
        steps: [
          { stage: "observation", on: "2026-01-20", by: "collective", reason: "Le pôle est présenté en commission économie.", holder: { authority: "luc" } },
        ],
        pending: {
          to: "collaboration",
          by: "collective",
          reason: "Deux emplois partagés avec la communauté de communes sont à l'étude.",
          on: "2026-11-24",
          holder: { collective: "jardins" },
        },
      },
    ],
  },
];

/** The milestones that led to a step, in the study's logic: what each transition typically took. */
const KINDS_BEFORE: Record<Stage, MilestoneKind[]> = {
  defiance: ["first_meeting"],
  observation: ["information_exchange", "site_visit"],
  collaboration: ["council_deliberation", "agreement_signed", "first_seed_action"],
  coportage: ["funding_granted", "authority_joins_scic"],
};

const KIND_TITLES: Record<MilestoneKind, string> = {
  first_meeting: "Première rencontre en mairie",
  information_exchange: "Présentation du projet aux élus",
  site_visit: "Visite du site avec le conseil",
  joint_event: "Journée portes ouvertes commune",
  council_deliberation: "Délibération du conseil",
  agreement_signed: "Signature d'une convention",
  first_seed_action: "Première action d'amorçage",
  land_made_available: "Locaux mis à disposition",
  funding_granted: "Financement voté",
  authority_joins_scic: "La collectivité entre au capital",
  other: "Autre jalon",
};

export type GeneratedMilestone = {
  id: string;
  kind: MilestoneKind;
  title: string;
  occursOn: string;
  status: "done" | "planned";
  recordedSide: Side;
  levers: LeverId[];
  confirmation: "confirmed" | "contested" | "pending";
  comment: string | null;
};

const shiftDays = (isoDate: string, days: number) => {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** One or two milestones before each step; the last relationship's latest is still to confirm. */
export function milestonesOf(project: DemoProject, relationshipIndex: number): GeneratedMilestone[] {
  const relationship = project.relationships[relationshipIndex];
  if (!relationship) return [];
  const result: GeneratedMilestone[] = [];
  relationship.steps.forEach((step, stepIndex) => {
    const from: Stage = stepIndex === 0 ? step.stage : (relationship.steps[stepIndex - 1]?.stage ?? step.stage);
    const kinds = KINDS_BEFORE[step.stage];
    const count = stageRank(step.stage) >= stageRank(from) ? Math.min(2, kinds.length) : 1;
    for (let k = 0; k < count; k += 1) {
      const kind = kinds[(stepIndex + k) % kinds.length] ?? "other";
      const levers = recommendedLevers(from);
      const n = project.n * 1000 + relationshipIndex * 100 + stepIndex * 10 + k;
      result.push({
        id: demoUuid(0xa00000 + n),
        kind,
        title: KIND_TITLES[kind],
        occursOn: shiftDays(step.on, -12 - 25 * k),
        status: "done",
        recordedSide: (stepIndex + k) % 2 === 0 ? "collective" : "authority",
        levers: levers.slice(k % Math.max(1, levers.length), (k % Math.max(1, levers.length)) + 2),
        confirmation: project.n === 3 && stepIndex === 2 && k === 0 ? "contested" : "confirmed",
        comment: project.n === 3 && stepIndex === 2 && k === 0 ? "Les chiffres de fréquentation présentés ne sont pas les nôtres." : null,
      });
    }
  });
  if (relationship.pending) {
    result.push({
      id: demoUuid(0xa00000 + project.n * 1000 + relationshipIndex * 100 + 99),
      kind: "information_exchange",
      title: "Rencontre pour préparer la suite",
      occursOn: shiftDays(relationship.pending.on, -5),
      status: "done",
      recordedSide: relationship.pending.by,
      levers: recommendedLevers(relationship.steps.at(-1)?.stage ?? "defiance").slice(0, 1),
      confirmation: "pending",
      comment: null,
    });
  }
  return result;
}

/** Answers around the stage a side feels: its stage and those below present, those above not. */
export function answersFeeling(stage: Stage, jitter: number): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const level of STAGES) {
    for (const [index, question] of INDICATORS[level].entries()) {
      const wobble = (jitter + index) % 2 === 0 ? 0 : -1;
      let value: number;
      if (level === "defiance") value = stage === "defiance" ? 4 + wobble + 1 : 2 + wobble;
      else value = stageRank(level) <= stageRank(stage) ? 5 + wobble : 2 + wobble;
      answers[question] = Math.min(5, Math.max(1, value));
    }
  }
  return answers;
}
