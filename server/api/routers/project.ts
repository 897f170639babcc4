import { createProject, getProject, listMyProjects, listTerritoryProjects } from "@/server/services/projects";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZCreateProjectInput, ZProjectIdInput, ZTerritoryProjectsInput } from "./project.schema";

export const projectRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateProjectInput).mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),
  get: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input.projectId)),
  listMine: protectedProcedure.query(({ ctx }) => listMyProjects(ctx.db, ctx.actor)),
  listForTerritory: protectedProcedure
    .input(ZTerritoryProjectsInput)
    .query(({ ctx, input }) => listTerritoryProjects(ctx.db, ctx.actor, input)),
});
