/**
 * The status-branch commits of the rollout steps (the controller's rollout-step.ts and reconcile's
 * rollout-reconcile.ts): one commit per strategy whose record changed or whose request was acted
 * on, and one that prunes the records a removed strategy left. Each carries `Flotilla-Decision: rollout`.
 */
import type { BranchStore } from '../git/index.ts';
import type { OperatorRequest, RolloutDecision, RolloutState } from '../rollout/index.ts';
import {
  commitToBranch,
  formatRolloutRecord,
  rolloutCommitMessage,
  rolloutPruneMessage,
  rolloutRecordPath,
  rolloutRequestPath,
  type BranchWriteOptions,
  type BranchWriteResult,
  type PathChange,
} from '../writeback/index.ts';

/** Where a rollout commit goes and what it is made from. */
export interface RolloutCommitTarget {
  readonly store: BranchStore;
  readonly branch: string;
  /** The source revision the pass planned (the `Flotilla-Source` trailer). */
  readonly source: string;
  readonly options: BranchWriteOptions;
}

/** One commit of a strategy's record, removing the request it acted on in the same commit. */
export function commitRolloutRecord(
  t: RolloutCommitTarget,
  d: RolloutDecision,
  request: OperatorRequest | undefined,
): Promise<BranchWriteResult> {
  const s = d.state;
  const changes: PathChange[] = [
    { path: rolloutRecordPath(s.namespace, s.name), content: new TextEncoder().encode(formatRolloutRecord(s)) },
    ...(request === undefined ? [] : [{ path: rolloutRequestPath(s.namespace, s.name), content: null }]),
  ];
  return commitRemovingAbsent(t, changes, rolloutCommitMessage(s, d.transitions, t.source));
}

/** One commit removing the records (and pending request files) of `stale` strategies; unchanged when there are none. */
export async function pruneRolloutRecords(
  t: RolloutCommitTarget,
  stale: readonly RolloutState[],
): Promise<BranchWriteResult | undefined> {
  if (!stale.length) return undefined;
  const changes: PathChange[] = stale.flatMap((s) => [
    { path: rolloutRecordPath(s.namespace, s.name), content: null },
    { path: rolloutRequestPath(s.namespace, s.name), content: null },
  ]);
  return commitRemovingAbsent(t, changes, rolloutPruneMessage(stale, t.source));
}

/** Commits `changes`, dropping deletions of files the tip does not hold. */
function commitRemovingAbsent(
  t: RolloutCommitTarget,
  changes: readonly PathChange[],
  message: string,
): Promise<BranchWriteResult> {
  return commitToBranch(
    t.store,
    t.branch,
    (tip) => ({
      kind: 'commit',
      changes: changes.filter((c) => c.content !== null || tip.files.has(c.path)),
      message,
      allowEmpty: false,
    }),
    t.options,
  );
}
