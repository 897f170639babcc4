// « Mis à jour le » on a project's card: its latest activity, never older than its latest milestone
// (a milestone can be recorded, or imported, after the day it took place, or dated after the file's last save).

export function lastActivityOf(project: { updatedAt: Date; latestMilestone: { occursOn: string } | null }, now: Date): Date {
  if (!project.latestMilestone) return project.updatedAt;
  // The day's noon in France, so that the date reads as that day whatever the reader's time zone.
  const milestoneDay = new Date(`${project.latestMilestone.occursOn}T12:00:00Z`);
  const latest = milestoneDay > project.updatedAt ? milestoneDay : project.updatedAt;
  return latest > now ? now : latest;
}
