/**
 * Commits a change to a branch and publishes it, never forcing. A rejected publish (someone
 * pushed first) refreshes, re-reads the new tip and re-applies the same decision on top of it,
 * up to a bounded number of attempts: every other writer's commit stays in history, and their
 * files outside what flotilla owns keep their content.
 */
import {
  GitPushRejected,
  GitRemoteUnreachable,
  listFiles,
  readCommitInfo,
  writeCommit,
  writeTreeWithChanges,
  type BranchStore,
  type FolderChange,
  type Identity,
} from '../git/index.ts';
import type { PathChange } from './file-changes.ts';

/** The tip a decision is made against, without its files: its commit, message and tree. */
export interface TipCommit {
  readonly commit: string | undefined;
  readonly message: string | undefined;
  readonly tree: string | undefined;
}

/** The tip a decision is made against. */
export interface TipView extends TipCommit {
  /** path → blob oid of every file on the tip. */
  readonly files: ReadonlyMap<string, string>;
}

/** A decision about a tip: nothing to do, or a commit. `allowEmpty` commits even when the tree is unchanged. */
export type BranchDecision =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'commit';
      readonly changes: readonly (PathChange | FolderChange)[];
      readonly message: string;
      readonly allowEmpty: boolean;
    };

/**
 * The outcome of a branch write. A `deferred` commit is kept in the local view only (the remote
 * was unreachable, or known to be): the store publishes it on a later flush.
 */
export type BranchWriteResult =
  | {
      readonly kind: 'committed';
      readonly commit: string;
      readonly attempts: number;
      readonly deferred?: { readonly error: GitRemoteUnreachable | undefined };
    }
  | { readonly kind: 'unchanged'; readonly tip: string | undefined };

/** How branch writes run: identity, the injected clock, retry bound, and test faults. */
export interface BranchWriteOptions {
  readonly identity: Identity;
  readonly now: () => Date;
  readonly attempts?: number;
  /** Called after the commit is built and before it is published (tests inject a concurrent push here). */
  readonly beforePublish?: (branch: string, attempt: number) => Promise<void>;
  /**
   * Whether a commit the remote cannot take now is kept locally for later (BranchStore.defer):
   * `never` (default: the write fails), `on-unreachable` (try, keep it when the remote cannot be
   * reached), `always` (the remote is known to be down: do not try now).
   */
  readonly deferPublish?: DeferPublish;
}

/** See BranchWriteOptions.deferPublish. */
export type DeferPublish = 'never' | 'on-unreachable' | 'always';

/** Default bound on publish attempts. */
export const defaultAttempts = 5;

/** Decides against the tip, commits and publishes `branch`; retries on rejection (see the file comment). */
export function commitToBranch(
  store: BranchStore,
  branch: string,
  decide: (tip: TipView) => BranchDecision | Promise<BranchDecision>,
  opts: BranchWriteOptions,
): Promise<BranchWriteResult> {
  return commitOnTip(
    store,
    branch,
    async (tip) => decide({ ...tip, files: await listFiles(store.repo, tip.tree) }),
    opts,
  );
}

/**
 * As commitToBranch, for a decision that reads what it needs of the tip's tree itself (a branch
 * of hundreds of thousands of files compared one folder at a time) instead of every file's id.
 */
export async function commitOnTip(
  store: BranchStore,
  branch: string,
  decide: (tip: TipCommit) => BranchDecision | Promise<BranchDecision>,
  opts: BranchWriteOptions,
): Promise<BranchWriteResult> {
  const attempts = opts.attempts ?? defaultAttempts;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await store.refresh();
    const tip = await store.tip(branch);
    const info = tip ? await readCommitInfo(store.repo, tip) : undefined;
    const decision = await decide({ commit: tip, message: info?.message, tree: info?.tree });
    if (decision.kind === 'none') return { kind: 'unchanged', tip };
    const tree = await writeTreeWithChanges(store.repo, info?.tree, decision.changes);
    if (tree === info?.tree && !decision.allowEmpty) return { kind: 'unchanged', tip };
    const commit = await writeCommit(store.repo, {
      tree,
      parents: tip ? [tip] : [],
      message: decision.message,
      identity: opts.identity,
      time: opts.now(),
    });
    if (opts.beforePublish) await opts.beforePublish(branch, attempt);
    if (opts.deferPublish === 'always') {
      await store.defer(branch, commit);
      return { kind: 'committed', commit, attempts: attempt, deferred: { error: undefined } };
    }
    const outcome = await store.publish(branch, tip, commit).catch(async (err: unknown) => {
      if (opts.deferPublish !== 'on-unreachable' || !(err instanceof GitRemoteUnreachable)) throw err;
      await store.defer(branch, commit);
      return { kind: 'deferred' as const, error: err };
    });
    if (outcome.kind === 'deferred')
      return { kind: 'committed', commit, attempts: attempt, deferred: { error: outcome.error } };
    if (outcome.kind === 'pushed') return { kind: 'committed', commit, attempts: attempt };
  }
  throw new GitPushRejected(`${store.location}: ${branch} kept moving; gave up after ${attempts} attempts`, {
    branch,
    attempts,
  });
}
