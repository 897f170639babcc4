// The app router and the one caller used by server components, tests and scripts.
import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { calendarRouter, commentRouter, followRouter, invitationRouter, notificationRouter } from "./routers/conversation";
import { barometerRouter, milestoneRouter, partyRouter, stageRouter } from "./routers/gradient";
import { moderationRouter, portfolioRouter } from "./routers/moderation";
import { organisationRouter } from "./routers/organisation";
import { projectRouter } from "./routers/project";
import { territoryRouter } from "./routers/territory";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  audit: auditRouter,
  barometer: barometerRouter,
  calendar: calendarRouter,
  comment: commentRouter,
  follow: followRouter,
  invitation: invitationRouter,
  notification: notificationRouter,
  milestone: milestoneRouter,
  moderation: moderationRouter,
  party: partyRouter,
  portfolio: portfolioRouter,
  stage: stageRouter,
  organisation: organisationRouter,
  project: projectRouter,
  territory: territoryRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
