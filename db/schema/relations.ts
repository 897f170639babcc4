// Every drizzle relation in one place, so the graph reads at a glance.
import { relations } from "drizzle-orm";
import { sessions, users } from "./auth";
import { memberships, organisations } from "./organisations";
import { fundingLines, projectCommunes, projectParties, projects } from "./projects";
import { territories } from "./territories";

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
  sessions: many(sessions),
}));

export const organisationsRelations = relations(organisations, ({ one, many }) => ({
  territory: one(territories, { fields: [organisations.territoryId], references: [territories.id] }),
  memberships: many(memberships),
  projectParties: many(projectParties),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  organisation: one(organisations, { fields: [memberships.organisationId], references: [organisations.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const projectsRelations = relations(projects, ({ one, many }) => ({
  contactHolder: one(organisations, { fields: [projects.contactHolderId], references: [organisations.id] }),
  commune: one(territories, { fields: [projects.communeId], references: [territories.id] }),
  parties: many(projectParties),
  communes: many(projectCommunes),
  fundingLines: many(fundingLines),
}));

export const projectPartiesRelations = relations(projectParties, ({ one }) => ({
  project: one(projects, { fields: [projectParties.projectId], references: [projects.id] }),
  organisation: one(organisations, { fields: [projectParties.organisationId], references: [organisations.id] }),
}));
