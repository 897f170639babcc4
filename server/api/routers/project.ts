import { listProjectHistory } from "@/server/services/history";
import { getProjectOverview } from "@/server/services/project-overview";
import { listPublicRequests, requestPublic, reviewPublic } from "@/server/services/publication";
import { createProject, getProject, listMyProjects, updateProjectFile } from "@/server/services/projects";
import { setProjectStatus } from "@/server/services/project-status";
import { listTerritoryProjects } from "@/server/services/territories";
import { listPublicProjects } from "@/server/services/public-projects";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";
import {
  ZCreateProjectInput,
  ZProjectIdInput,
  ZPublicProjectsInput,
  ZReviewPublicInput,
  ZSetProjectStatusInput,
  ZTerritoryProjectsInput,
  ZUpdateProjectInput,
} from "./project.schema";

export const projectRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateProjectInput).mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),
  get: publicProcedure.input(ZProjectIdInput).query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input.projectId)),
  update: protectedProcedure.input(ZUpdateProjectInput).mutation(({ ctx, input }) => updateProjectFile(ctx.db, ctx.actor, input)),
  setStatus: protectedProcedure.input(ZSetProjectStatusInput).mutation(({ ctx, input }) => setProjectStatus(ctx.db, ctx.actor, input)),
  history: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => listProjectHistory(ctx.db, ctx.actor, input.projectId)),
  overview: publicProcedure.input(ZProjectIdInput).query(({ ctx, input }) => getProjectOverview(ctx.db, ctx.actor, input.projectId)),
  requestPublic: protectedProcedure.input(ZProjectIdInput).mutation(({ ctx, input }) => requestPublic(ctx.db, ctx.actor, input)),
  publicRequests: protectedProcedure.query(({ ctx }) => listPublicRequests(ctx.db, ctx.actor)),
  reviewPublic: protectedProcedure.input(ZReviewPublicInput).mutation(({ ctx, input }) => reviewPublic(ctx.db, ctx.actor, input)),
  listMine: protectedProcedure.query(({ ctx }) => listMyProjects(ctx.db, ctx.actor)),
  listPublic: publicProcedure.input(ZPublicProjectsInput).query(({ ctx, input }) => listPublicProjects(ctx.db, ctx.actor, input)),
  listForTerritory: protectedProcedure.input(ZTerritoryProjectsInput).query(({ ctx, input }) => listTerritoryProjects(ctx.db, ctx.actor, input)),
});
