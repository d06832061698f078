/** Polling trigger: a node-cron schedule (default every minute, from `pollSchedule` or `--poll-schedule`). */
import cron from 'node-cron';
import { UsageError } from '../api/index.ts';

/** A running trigger. */
export interface Trigger {
  stop(): Promise<void>;
}

/** Fails with a usage error naming the expression when node-cron cannot parse it. */
export function assertSchedule(expression: string): void {
  if (!cron.validate(expression))
    throw new UsageError(
      `poll schedule "${expression}" is not a cron expression (e.g. "* * * * *", or "*/10 * * * * *" with seconds)`,
    );
}

/** Calls `fire` on every tick of `expression`; overlapping ticks are skipped (the queue coalesces anyway). */
export function startPoll(expression: string, fire: () => void): Trigger {
  assertSchedule(expression);
  const task = cron.schedule(expression, () => fire(), { noOverlap: true, name: 'flotilla-poll' });
  return {
    stop: async () => {
      await task.destroy();
    },
  };
}
