/**
 * `flotilla apply` and RolloutStrategies (docs/rollouts.md "Outputs"): apply is stateless, but when
 * the repo's status branch records a strategy's rollout, apply honours it: it applies the manifests
 * that record puts in force, decided as at the record's latest time with nothing observed, so apply
 * never advances, pauses or rolls back a rollout, and commits nothing. A strategy with no record
 * (or a repo with no status branch) gets the full revision, with a warning.
 */
import path from 'node:path';
import { decideUnobserved } from '../controller/rollout-reconcile.ts';
import { findGitDir, localStore, openLocal } from '../git/index.ts';
import type { LoadedRevision, Plan } from '../plan/index.ts';
import type { RolloutState } from '../rollout/index.ts';
import { readRevision } from '../source/index.ts';
import { createStatusReader, readRolloutRecords } from '../writeback/index.ts';

/** The plan with the recorded rollouts' Works in force, and the strategies no record covers (warned about). */
export interface RecordedRollouts {
  readonly plan: Plan;
  readonly unrecorded: readonly string[];
}

/** Applies the status branch's rollout records of `repo` (a git repository) to `plan`; without records, the plan as is. */
export async function withRecordedRollouts(
  repo: string,
  cwd: string,
  loaded: LoadedRevision,
  plan: Plan,
): Promise<RecordedRollouts> {
  const rollouts = loaded.fleet.rollouts ?? [];
  const names = rollouts.map((r) => `${r.spec.namespace}/${r.spec.name}`);
  if (!rollouts.length || plan.errors.length) return { plan, unrecorded: names };
  const dir = path.resolve(cwd, repo);
  const gitdir = await findGitDir(dir);
  if (!gitdir) return { plan, unrecorded: names };
  const store = localStore(openLocal(gitdir), dir);
  const branch = loaded.fleet.settings.statusBranch;
  const view = await createStatusReader(store).record(branch);
  const records = await readRolloutRecords(store, view.tip);
  const recorded = records.filter((r) => names.includes(`${r.namespace}/${r.name}`));
  if (!recorded.length) return { plan, unrecorded: names };
  const kept = rollouts.filter((r) => recorded.some((x) => x.namespace === r.spec.namespace && x.name === r.spec.name));
  const staged = await decideUnobserved({
    loaded: { ...loaded, fleet: { ...loaded.fleet, rollouts: kept } },
    plan,
    records: recorded,
    requests: [],
    lastApplied: view.record?.lastAppliedRevision ?? undefined,
    previous: { placement: new Map(), applied: new Map() },
    now: recordedTime(recorded),
    read: (ref) => readRevision({ kind: 'ref', dir, ref, gitdir }),
  });
  return {
    plan: staged.plan,
    unrecorded: names.filter((n) => !recorded.some((r) => `${r.namespace}/${r.name}` === n)),
  };
}

/** The latest time a record holds: deciding at it lets no bake end and no deadline pass. */
function recordedTime(records: readonly RolloutState[]): number {
  let t = 0;
  for (const r of records) {
    for (const w of r.waves) t = Math.max(t, w.startedAt ?? 0, w.healthySince ?? 0, w.completedAt ?? 0);
    for (const c of r.clusters) t = Math.max(t, c.startedAt ?? 0);
  }
  return t;
}
