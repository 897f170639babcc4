import { listProjectHistory } from "@/server/services/history";
import { createProject, getProject, listMyProjects, listTerritoryProjects, updateProjectFile } from "@/server/services/projects";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZCreateProjectInput, ZProjectIdInput, ZTerritoryProjectsInput, ZUpdateProjectInput } from "./project.schema";

export const projectRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateProjectInput).mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),
  get: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input.projectId)),
  update: protectedProcedure.input(ZUpdateProjectInput).mutation(({ ctx, input }) => updateProjectFile(ctx.db, ctx.actor, input)),
  history: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => listProjectHistory(ctx.db, ctx.actor, input.projectId)),
  listMine: protectedProcedure.query(({ ctx }) => listMyProjects(ctx.db, ctx.actor)),
  listForTerritory: protectedProcedure
    .input(ZTerritoryProjectsInput)
    .query(({ ctx, input }) => listTerritoryProjects(ctx.db, ctx.actor, input)),
});
