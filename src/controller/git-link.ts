/**
 * The long-running controller's link to its git remote. A git outage must not stop failover
 * (DESIGN principle 3 keeps the memory in git, principle 4 keeps the fleet safe): while the
 * remote cannot be reached, passes go on with the last fetched revision and the status branch
 * as the cache holds it (pending commits included), writes are kept in the cache, fetches and
 * pushes are retried with exponential backoff (not on every pass) and each failure is logged as
 * an error; once the remote answers, the pending commits are pushed, each exactly once.
 */
import { GitRemoteUnreachable, type FlushOutcome } from '../git/index.ts';
import type { DeferPublish } from '../writeback/index.ts';
import { ClusterBackoff, type BackoffSettings } from './backoff.ts';
import { describeError, type ReconcileContext, type ReconcileState } from './reconcile.ts';
import { fetchStep } from './reconcile-steps.ts';

/** Retry bounds of fetches and pushes while the remote is down: 5 s doubling to 1 min. */
export const defaultGitBackoff: BackoffSettings = { initialMs: 5_000, maxMs: 60_000 };

const key = 'git-remote';

/** Whether the remote is believed reachable, and when to try it again. */
export class GitLink {
  readonly #backoff: ClusterBackoff;
  #down = false;

  constructor(settings: BackoffSettings = defaultGitBackoff) {
    this.#backoff = new ClusterBackoff(settings);
  }

  /** True while the last attempt failed. */
  get down(): boolean {
    return this.#down;
  }

  /** Whether the remote may be tried at `now` (ms). */
  due(now: number): boolean {
    return this.#backoff.ready(key, now);
  }

  /** Records an attempt; returns when the next one is due after a failure. */
  record(ok: boolean, now: number): number | undefined {
    this.#down = !ok;
    this.#backoff.record(key, ok, now);
    return this.#backoff.retryAt(key);
  }

  /** How writes publish this pass: not at all while backing off, otherwise keep what the remote refuses to take. */
  deferPublish(now: number): DeferPublish {
    return this.due(now) ? 'on-unreachable' : 'always';
  }
}

/** Whether an error means the remote could not be reached (network, 5xx), as opposed to a refusal or a broken cache. */
export function isOutage(err: unknown): err is GitRemoteUnreachable {
  return err instanceof GitRemoteUnreachable;
}

/**
 * The fetch step of a controller pass: fetch when the remote is due, else (or when it fails
 * with an outage) go on with the source branch's cached tip. Throws what is not an outage, or
 * an outage when nothing was ever fetched.
 */
export async function fetchOrCached(
  ctx: ReconcileContext,
  state: ReconcileState,
  link: GitLink | undefined,
): Promise<void> {
  const now = ctx.now().getTime();
  if (!link) return void (await fetchStep.run(ctx, state));
  if (link.due(now)) {
    try {
      await fetchStep.run(ctx, state);
      if (link.down) ctx.log({ msg: 'git remote reachable again', repo: ctx.source.store.location });
      link.record(true, now);
      return;
    } catch (err) {
      if (!isOutage(err)) throw err;
      offline(ctx, link, err, now, 'fetch');
    }
  }
  const cached = await ctx.source.store.tip(ctx.source.branch);
  if (cached === undefined)
    throw new GitRemoteUnreachable(
      `${ctx.source.store.location} cannot be reached and nothing was fetched from it yet`,
      { url: ctx.source.store.location },
    );
  state.commit = cached;
}

/** Pushes the target's pending commits of `branches` (after a successful fetch); an outage backs off. */
export async function flushPending(
  ctx: ReconcileContext,
  link: GitLink | undefined,
  branches: readonly string[],
): Promise<void> {
  const now = ctx.now().getTime();
  if (!link?.due(now)) return;
  for (const branch of branches) {
    let outcome: FlushOutcome;
    try {
      outcome = await ctx.target.flush(branch);
    } catch (err) {
      if (!isOutage(err)) throw err;
      offline(ctx, link, err, now, 'push');
      return;
    }
    if (outcome.kind === 'pushed')
      ctx.log({ msg: 'pushed commits kept while the git remote was unreachable', branch, commit: outcome.commit });
    else if (outcome.kind === 'superseded')
      ctx.log({
        level: 'error',
        msg: 'the remote branch moved while the git remote was unreachable: the commits kept meanwhile are dropped and this pass decides again on the remote tip',
        branch,
        commit: outcome.commit,
      });
    else if (outcome.kind === 'rejected')
      ctx.log({
        level: 'warn',
        msg: 'a concurrent push won; the kept commits are pushed on the next pass',
        branch,
        commit: outcome.commit,
      });
  }
}

/** Records a write's outcome: a commit deferred because the push failed counts as an outage. */
export function noteWrite(
  ctx: ReconcileContext,
  link: GitLink | undefined,
  branch: string,
  result: { readonly kind: string; readonly deferred?: { readonly error: GitRemoteUnreachable | undefined } },
): void {
  if (!link || result.kind !== 'committed' || !result.deferred) return;
  const now = ctx.now().getTime();
  if (result.deferred.error) offline(ctx, link, result.deferred.error, now, 'push');
  ctx.log({ msg: 'commit kept in the cache until the git remote answers', branch });
}

function offline(ctx: ReconcileContext, link: GitLink, err: unknown, now: number, op: 'fetch' | 'push'): void {
  const retryAt = link.record(false, now);
  ctx.log({
    level: 'error',
    msg: `git ${op} failed: the remote is unreachable; reconciling the last fetched revision and keeping decisions in the cache`,
    repo: ctx.target.location,
    error: describeError(err),
    retryAt: retryAt === undefined ? undefined : new Date(retryAt).toISOString(),
  });
}

/** The branch write options of a controller pass: writeOptions plus how to publish while the remote is down. */
export function deferFor(link: GitLink | undefined, now: number): { readonly deferPublish?: DeferPublish } {
  return link ? { deferPublish: link.deferPublish(now) } : {};
}
