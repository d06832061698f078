/**
 * Cron schedules as Karmada's CronFederatedHPA reads them (robfig/cron's standard five fields,
 * descriptors such as `@hourly`, day-of-month OR day-of-week), evaluated by croner in an explicit time
 * zone. A rule without `timeZone` uses the zone the shell passes in (Karmada: the controller's own zone).
 * Instants are ms since the epoch; nothing here reads a clock.
 */
import { Cron } from 'croner';

function cronOf(schedule: string, zone: string): Cron {
  return new Cron(schedule, { timezone: zone, paused: true, mode: '5-part', domAndDow: false });
}

/** Why a schedule or zone cannot be used, or undefined when it can. */
export function scheduleProblem(schedule: string, zone: string | undefined): string | undefined {
  try {
    cronOf(schedule, zone ?? 'UTC').nextRun(new Date(0));
    return undefined;
  } catch (err) {
    // croner throws a TypeError/RangeError naming the bad field or zone; it becomes the diagnostic's text.
    return err instanceof Error ? err.message : String(err);
  }
}

/** The first scheduled instant strictly after `after`, or undefined when the schedule never fires again. */
export function nextScheduled(schedule: string, zone: string, after: number): number | undefined {
  return cronOf(schedule, zone).nextRun(new Date(after))?.getTime();
}

/**
 * The latest scheduled instant in (`after`, `until`], or undefined when none falls there. Missed instants
 * before it are skipped: the rule's state is what its latest time asks for.
 */
export function latestScheduled(schedule: string, zone: string, after: number, until: number): number | undefined {
  const latest = cronOf(schedule, zone)
    .previousRuns(1, new Date(until + 1))[0]
    ?.getTime();
  return latest !== undefined && latest > after && latest <= until ? latest : undefined;
}
