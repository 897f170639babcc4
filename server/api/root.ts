// The app router and the one caller used by server components, tests and scripts.
import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { barometerRouter } from "./routers/barometer";
import { calendarRouter } from "./routers/calendar";
import { commentRouter } from "./routers/comment";
import { deskRouter } from "./routers/desk";
import { followRouter } from "./routers/follow";
import { holderRouter } from "./routers/holder";
import { invitationRouter } from "./routers/invitation";
import { milestoneRouter } from "./routers/milestone";
import { moderationRouter } from "./routers/moderation";
import { notificationRouter } from "./routers/notification";
import { observatoryRouter } from "./routers/observatory";
import { organisationRouter } from "./routers/organisation";
import { partyRouter } from "./routers/party";
import { portfolioRouter } from "./routers/portfolio";
import { projectRouter } from "./routers/project";
import { stageRouter } from "./routers/stage";
import { territoryRouter } from "./routers/territory";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  audit: auditRouter,
  barometer: barometerRouter,
  calendar: calendarRouter,
  comment: commentRouter,
  desk: deskRouter,
  follow: followRouter,
  holder: holderRouter,
  invitation: invitationRouter,
  notification: notificationRouter,
  milestone: milestoneRouter,
  moderation: moderationRouter,
  observatory: observatoryRouter,
  party: partyRouter,
  portfolio: portfolioRouter,
  stage: stageRouter,
  organisation: organisationRouter,
  project: projectRouter,
  territory: territoryRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
