/**
 * The rollout glue of `flotilla reconcile` without member access (reconcile-steps.ts): the same
 * decision as the controller's rollout step (rollout-step.ts), from the records on the status
 * branch, with no copy observed. With nothing observed the health gate stays closed, as
 * decideFleetRollouts does for any unobserved copy: a fresh change puts the first wave on the
 * target and keeps every other cluster on the baseline; the rollout advances only where members
 * are observed (`flotilla controller`, `reconcile --once --kubeconfig`). Records of removed
 * strategies are pruned here too.
 */
import { createHash } from 'node:crypto';
import { resourceKey } from '../api/index.ts';
import type { BranchStore } from '../git/index.ts';
import type { LoadedRevision, Plan, PreviousInput } from '../plan/index.ts';
import { loadSnapshot, planLoaded } from '../plan/index.ts';
import type { Snapshot } from '../load/index.ts';
import { decideFleetRollouts, type RevisionWorks, type RolloutDecision, type RolloutState } from '../rollout/index.ts';
import type { FleetSource } from '../source/index.ts';
import { readRevision } from '../source/index.ts';
import { formatInstant } from '../status/index.ts';
import {
  readRolloutRecords,
  readRolloutRequests,
  type BranchWriteOptions,
  type RolloutRequest,
} from '../writeback/index.ts';
import { commitRolloutRecord, pruneRolloutRecords, type RolloutCommitTarget } from './rollout-commit.ts';
import { currentWorks, earlierRevisions, recordWrites, staleRecords } from './rollout-input.ts';

/** What a reconcile's rollout glue reads. */
export interface ReconcileRollout {
  readonly source: Extract<FleetSource, { kind: 'git' }>;
  readonly target: BranchStore;
  readonly statusBranch: string;
  /** The status branch's tip the reconcile read, and the revision applied last. */
  readonly tip: string | undefined;
  readonly lastApplied: string | undefined;
  readonly loaded: LoadedRevision;
  /** The head's valid plan. */
  readonly plan: Plan;
  readonly previous: PreviousInput;
  readonly now: Date;
  readonly options: BranchWriteOptions;
}

/** What the glue did: the plan with the Works in force, the decisions, and the status tip after its commits. */
export interface ReconcileRolloutResult {
  readonly plan: Plan;
  readonly decisions: readonly RolloutDecision[];
  readonly tip: string | undefined;
}

/** Prunes removed strategies' records, decides every strategy with nothing observed, and commits the changed records. */
export async function stageReconcilePlan(r: ReconcileRollout): Promise<ReconcileRolloutResult> {
  const commitTarget: RolloutCommitTarget = {
    store: r.target,
    branch: r.statusBranch,
    source: r.plan.revision,
    options: r.options,
  };
  let tip = r.tip;
  const records = await readRolloutRecords(r.target, r.tip);
  const pruned = await pruneRolloutRecords(commitTarget, staleRecords(records, r.loaded.fleet.rollouts ?? []));
  if (pruned?.kind === 'committed') tip = pruned.commit;
  if (!r.loaded.fleet.rollouts?.length) return { plan: r.plan, decisions: [], tip };
  const requests = await readRolloutRequests(r.target, r.tip);
  const staged = await decideUnobserved({
    ...r,
    records,
    requests,
    now: Math.floor(r.now.getTime() / 1000),
    read: (commit) => readRevision({ kind: 'commit', reader: r.source.reader, commit }),
  });
  for (const w of recordWrites(records, staged.decisions, requests)) {
    const written = await commitRolloutRecord(commitTarget, w.decision, w.request);
    if (written.kind === 'committed') tip = written.commit;
  }
  return { ...staged, tip };
}

/** What a decision with nothing observed reads (reconcile without member access, and `flotilla apply`). */
export interface UnobservedRollout {
  readonly loaded: LoadedRevision;
  /** The head's valid plan. */
  readonly plan: Plan;
  readonly records: readonly RolloutState[];
  readonly requests: readonly RolloutRequest[];
  readonly lastApplied: string | undefined;
  readonly previous: PreviousInput;
  /** The decision's time, in seconds. */
  readonly now: number;
  /** Reads an earlier revision. */
  readonly read: (revision: string) => Promise<Snapshot>;
}

/** Decides every strategy with no copy observed (the gate stays closed) and returns the plan with the Works in force. */
export async function decideUnobserved(
  u: UnobservedRollout,
): Promise<{ plan: Plan; decisions: readonly RolloutDecision[] }> {
  const earlier = await earlierWorks(u, earlierRevisions(u.records, u.lastApplied, u.plan.revision));
  const result = decideFleetRollouts({
    fleet: u.loaded.fleet,
    target: { revision: u.plan.revision, works: u.plan.works },
    earlier,
    lastApplied: u.lastApplied,
    current: currentWorks(u.records, earlier),
    records: u.records,
    observed: {},
    failoverTargets: [],
    requests: Object.fromEntries(u.requests.map((q) => [`${q.namespace}/${q.name}`, q.request] as const)),
    now: u.now,
    digest: (text) => createHash('sha256').update(text).digest('hex'),
  });
  return { plan: { ...u.plan, works: result.works }, decisions: result.decisions };
}

/** Each earlier revision's Works, planned with the head's placement as the previous one (an unchanged template gets the same Works). */
async function earlierWorks(u: UnobservedRollout, revisions: readonly string[]): Promise<RevisionWorks[]> {
  const placement = new Map(u.plan.bindings.map((b) => [resourceKey(b.spec.resource), b.spec.clusters] as const));
  const out: RevisionWorks[] = [];
  for (const revision of revisions) {
    const plan = planLoaded(loadSnapshot(await u.read(revision)), {
      previous: { ...u.previous, placement },
      now: formatInstant(u.now * 1000),
    });
    if (!plan.errors.length) out.push({ revision, works: plan.works });
  }
  return out;
}
