/**
 * Commits a change to a branch and publishes it, never forcing. A rejected publish (someone
 * pushed first) refreshes, re-reads the new tip and re-applies the same decision on top of it,
 * up to a bounded number of attempts: every other writer's commit stays in history, and their
 * files outside what flotilla owns keep their content.
 */
import {
  GitPushRejected, listFiles, readCommitInfo, writeCommit, writeTreeWithChanges,
  type BranchStore, type Identity,
} from '../git/index.ts';
import type { PathChange } from './file-changes.ts';

/** The tip a decision is made against. */
export interface TipView {
  readonly commit: string | undefined;
  readonly message: string | undefined;
  /** path → blob oid of every file on the tip. */
  readonly files: ReadonlyMap<string, string>;
}

/** A decision about a tip: nothing to do, or a commit. `allowEmpty` commits even when the tree is unchanged. */
export type BranchDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'commit'; readonly changes: readonly PathChange[]; readonly message: string; readonly allowEmpty: boolean };

/** The outcome of a branch write. */
export type BranchWriteResult =
  | { readonly kind: 'committed'; readonly commit: string; readonly attempts: number }
  | { readonly kind: 'unchanged'; readonly tip: string | undefined };

/** How branch writes run: identity, the injected clock, retry bound, and test faults. */
export interface BranchWriteOptions {
  readonly identity: Identity;
  readonly now: () => Date;
  readonly attempts?: number;
  /** Called after the commit is built and before it is published (tests inject a concurrent push here). */
  readonly beforePublish?: (branch: string, attempt: number) => Promise<void>;
}

/** Default bound on publish attempts. */
export const defaultAttempts = 5;

/** Decides against the tip, commits and publishes `branch`; retries on rejection (see the file comment). */
export async function commitToBranch(store: BranchStore, branch: string, decide: (tip: TipView) => BranchDecision | Promise<BranchDecision>, opts: BranchWriteOptions): Promise<BranchWriteResult> {
  const attempts = opts.attempts ?? defaultAttempts;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await store.refresh();
    const tip = await store.tip(branch);
    const info = tip ? await readCommitInfo(store.repo, tip) : undefined;
    const view: TipView = { commit: tip, message: info?.message, files: await listFiles(store.repo, info?.tree) };
    const decision = await decide(view);
    if (decision.kind === 'none') return { kind: 'unchanged', tip };
    const tree = await writeTreeWithChanges(store.repo, info?.tree, decision.changes);
    if (tree === info?.tree && !decision.allowEmpty) return { kind: 'unchanged', tip };
    const commit = await writeCommit(store.repo, { tree, parents: tip ? [tip] : [], message: decision.message, identity: opts.identity, time: opts.now() });
    if (opts.beforePublish) await opts.beforePublish(branch, attempt);
    const outcome = await store.publish(branch, tip, commit);
    if (outcome.kind === 'pushed') return { kind: 'committed', commit, attempts: attempt };
  }
  throw new GitPushRejected(`${store.location}: ${branch} kept moving; gave up after ${attempts} attempts`, { branch, attempts });
}
