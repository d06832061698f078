/**
 * One workload's replica arithmetic after a failure: what stays, what moves where, what is lost
 * and why. Replicas run only on surviving clusters, so a copy left on a failed cluster (an eviction
 * task, or a toleration without seconds) counts as lost.
 *
 * | before (A:B:C), C fails | after    | kept | moved        | lost |
 * |-------------------------|----------|------|--------------|------|
 * | Divided 2:2:2           | 3:3:-    | 4    | C→A 1, C→B 1 | 0    |
 * | Divided 2:2:2, no room  | 2:2:-    | 4    | none         | 2    |
 * | Duplicated 3:3:3        | 3:3:-    | 6    | none         | 3    |
 */
import { compareStrings, resourceKey, type TargetCluster } from '../api/index.ts';
import type { Binding } from '../plan/index.ts';
import type { ScheduleResult } from '../scheduler/index.ts';
import type { EvictionVerdict } from '../status/index.ts';
import type { LossReason, ReplicaMove, WorkloadImpact, WorkloadVerdict } from './types.ts';

/** What the failover did to one binding. */
export interface FailoverOfBinding {
  readonly binding: Binding;
  readonly failed: ReadonlySet<string>;
  readonly verdicts: readonly EvictionVerdict[];
  readonly result: ScheduleResult;
  readonly after: readonly TargetCluster[];
}

/** The impact on one workload, before any capacity check on the survivors. */
export function workloadImpact(f: FailoverOfBinding): WorkloadImpact {
  const { spec } = f.binding;
  const strategy = spec.placement?.replicaScheduling?.replicaSchedulingType === 'Duplicated' ? 'Duplicated' : 'Divided';
  const before = countsOf(spec.clusters);
  const after = countsOf(f.after.filter((c) => !f.failed.has(c.name)));
  const moved = pairMoves(before, after, f.failed);
  const total = (m: ReadonlyMap<string, number>): number => [...m.values()].reduce((s, n) => s + n, 0);
  const kept = [...before].reduce(
    (s, [name, n]) => s + (f.failed.has(name) ? 0 : Math.min(n, after.get(name) ?? 0)),
    0,
  );
  const lost = Math.max(0, total(before) - total(after));
  const reasons = lost > 0 ? lossReasons(f) : [];
  return {
    key: resourceKey(spec.resource),
    resource: spec.resource,
    strategy,
    before: listOf(before),
    after: listOf(after),
    kept,
    moved,
    lost,
    reasons,
    verdict: verdictOf(total(after), lost),
  };
}

/** moved when nothing is lost, down when nothing runs, degraded in between. */
export function verdictOf(running: number, lost: number): WorkloadVerdict {
  return lost === 0 ? 'moved' : running === 0 ? 'down' : 'degraded';
}

function countsOf(list: readonly TargetCluster[]): Map<string, number> {
  return new Map(list.map((c) => [c.name, c.replicas ?? 0] as const));
}

function listOf(m: ReadonlyMap<string, number>): TargetCluster[] {
  return [...m].sort(([a], [b]) => compareStrings(a, b)).map(([name, replicas]) => ({ name, replicas }));
}

/**
 * Pairs the replicas that left (everything on a failed cluster, any decrease elsewhere) with the
 * replicas that arrived, both in cluster-name order: which replica "went where" has no meaning
 * beyond the counts, so the attribution is simply stable.
 */
function pairMoves(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  failed: ReadonlySet<string>,
): ReplicaMove[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  const from = names.flatMap((n) => {
    const left = failed.has(n) ? (before.get(n) ?? 0) : (before.get(n) ?? 0) - (after.get(n) ?? 0);
    return left > 0 ? [{ name: n, n: left }] : [];
  });
  const to = names.flatMap((n) => {
    const arrived = (after.get(n) ?? 0) - (failed.has(n) ? 0 : (before.get(n) ?? 0));
    return arrived > 0 ? [{ name: n, n: arrived }] : [];
  });
  const moves: ReplicaMove[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length && j < to.length) {
    const a = from[i] as { name: string; n: number };
    const b = to[j] as { name: string; n: number };
    const n = Math.min(a.n, b.n);
    moves.push({ from: a.name, to: b.name, replicas: n });
    a.n -= n;
    b.n -= n;
    if (a.n === 0) i++;
    if (b.n === 0) j++;
  }
  return moves;
}

/** Why the replicas that did not move were lost: a toleration kept them, or the schedule failed or found no replacement. */
function lossReasons(f: FailoverOfBinding): LossReason[] {
  const out: LossReason[] = [];
  const forever = f.verdicts.filter((v) => v.kind === 'tolerate-forever').map((v) => v.cluster);
  if (forever.length)
    out.push({
      kind: 'ToleratesFailure',
      message: `the placement tolerates the NoExecute taint without tolerationSeconds, so the replicas stay on ${forever.join(', ')}`,
    });
  if (f.result.kind === 'Unschedulable') out.push(unschedulableReason(f.result.reason, f.result.message));
  else if (!forever.length)
    out.push({
      kind: 'NoFallback',
      message: 'no other cluster of the policy takes the replicas of the failed clusters',
    });
  return out;
}

/** Classifies the scheduler's failure by the step that failed (attempt.ts: filter, select, divide). */
export function unschedulableReason(reason: string, message: string): LossReason {
  if (reason === 'NoClusterFit' || /no clusters available to schedule/.test(message))
    return { kind: 'NoFallback', message };
  if (/available replicas|no enough resource/.test(message)) return { kind: 'InsufficientCapacity', message };
  if (/select clusters/.test(message)) return { kind: 'SpreadUnsatisfiable', message };
  return { kind: 'NoFallback', message };
}
