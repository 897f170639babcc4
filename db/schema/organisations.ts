// Collectives, authorities and support networks, and the memberships that give people a role in them.
import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { AUTHORITY_OFFICES, LEGAL_FORMS, MEMBERSHIP_ROLES } from "@/server/domain/organisations";
import { users } from "./auth";
import { territories } from "./territories";

export const organisationKind = pgEnum("organisation_kind", ["collective", "authority", "network"]);

export const legalForm = pgEnum("legal_form", LEGAL_FORMS);

export const membershipRole = pgEnum("membership_role", MEMBERSHIP_ROLES);

export const authorityOffice = pgEnum("authority_office", AUTHORITY_OFFICES);

export const organisations = pgTable(
  "organisation",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: organisationKind().notNull(),
    name: text().notNull(),
    legalForm: legalForm(),
    /** An authority speaks for exactly one territory, and a territory has at most one authority. */
    territoryId: text()
      .unique()
      .references(() => territories.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      "organisation_kind_fields",
      sql`(${table.kind} = 'authority') = (${table.territoryId} is not null)
        and (${table.kind} = 'collective') = (${table.legalForm} is not null)`,
    ),
  ],
);

export const memberships = pgTable(
  "membership",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole().notNull(),
    /** For an authority: the person's office (maire, adjoint·e, agent·e…). */
    office: authorityOffice(),
    /** For an authority: set when an admin of it or a platform admin vouches for the person. */
    verifiedAt: timestamp({ withTimezone: true }),
    verifiedById: text().references(() => users.id, { onDelete: "set null" }),
    /** When a claim still waiting after seven days was reminded to its verifiers: once, never again. */
    claimRemindedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.organisationId, table.userId), index().on(table.userId)],
);
