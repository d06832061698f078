/**
 * Following a branch: triggers (a poll schedule, a webhook endpoint, a file watch on a local
 * repository) feed one coalescing queue, so any number of triggers during a reconcile cause
 * exactly one more reconcile, of the newest revision.
 */
import { defaultSettings } from '../load/index.ts';
import { createTriggerQueue, startPoll, startWatch, startWebhook, watchPaths, type Trigger } from '../source/index.ts';
import { reconcileOnce, type ReconcileContext, type ReconcileOutcome, type ReconcileState } from './reconcile.ts';

/** How to follow. */
export interface FollowOptions {
  /** Cron expression; default: the revision's `pollSchedule` (flotilla.yaml), else every minute. */
  readonly pollSchedule: string | undefined;
  readonly webhook: { readonly listen: string; readonly secret: string } | undefined;
  /** Watch the local repository's refs (only for a local git source). */
  readonly watch: boolean;
  readonly signal: AbortSignal;
  readonly onOutcome?: (o: ReconcileOutcome) => void;
  /** Called once the triggers are up, with the webhook address actually bound. */
  readonly onReady?: (info: { readonly webhook: string | undefined; readonly pollSchedule: string }) => void;
}

/** Runs until `signal` aborts: one reconcile at start, then one per (coalesced) trigger. */
export async function follow(ctx: ReconcileContext, o: FollowOptions): Promise<void> {
  let settingsSchedule: string | undefined;
  const queue = createTriggerQueue(async (reasons) => {
    ctx.log({ msg: 'reconcile triggered', by: reasons.join(',') });
    const state: ReconcileState = {};
    const outcome = await reconcileOnce(ctx, undefined, state);
    settingsSchedule ??= state.settings?.pollSchedule;
    o.onOutcome?.(outcome);
  });
  const triggers: Trigger[] = [];
  try {
    queue.request('start');
    await queue.idle();
    const schedule = o.pollSchedule ?? settingsSchedule ?? defaultSettings.pollSchedule;
    triggers.push(startPoll(schedule, () => queue.request('poll')));
    let address: string | undefined;
    if (o.webhook) {
      const branchRef = `refs/heads/${ctx.source.branch}`;
      const server = await startWebhook({
        listen: o.webhook.listen,
        secret: o.webhook.secret,
        onPush: (e) => {
          if (e.ref === branchRef) queue.request(`webhook:${e.provider}:${e.after.slice(0, 12)}`);
        },
        onVerdict: (v) => {
          if (v.kind === 'rejected')
            ctx.log({ level: 'warn', msg: 'webhook rejected', status: v.status, reason: v.reason });
        },
      });
      triggers.push(server);
      address = server.address;
    }
    if (o.watch)
      triggers.push(
        startWatch(
          watchPaths({ kind: 'gitdir', gitdir: ctx.source.store.repo.gitdir, branch: ctx.source.branch }),
          () => queue.request('watch'),
        ),
      );
    o.onReady?.({ webhook: address, pollSchedule: schedule });
    await aborted(o.signal);
  } finally {
    await queue.stop();
    for (const t of triggers.reverse()) await t.stop();
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
