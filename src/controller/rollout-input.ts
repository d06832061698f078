/**
 * Pure pieces of the controller's rollout step (rollout-step.ts): which earlier revisions a pass
 * needs the plans of, the Works clusters on an intermediate revision run, the clusters failover
 * gives replicas to this pass, and what a live copy says to the rollout gate.
 */
import {
  canonicalJson,
  resourceKey,
  type GracefulEvictionTask,
  type KubeObject,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';
import type { Binding } from '../plan/index.ts';
import type { Work } from '../render/index.ts';
import {
  clusterOfWork,
  type CopyObservation,
  type OperatorRequest,
  type RevisionWorks,
  type RolloutDecision,
  type RolloutState,
} from '../rollout/index.ts';
import { formatRolloutRecord } from '../writeback/index.ts';

/**
 * The revisions other than `target` whose plans the decision reads: each record's baseline (its
 * target once Done), the revisions clusters still run, and the last applied one (the baseline of a
 * strategy with no record). Sorted, no duplicates.
 */
export function earlierRevisions(
  records: readonly RolloutState[],
  lastApplied: string | undefined,
  target: string,
): string[] {
  const out = new Set<string>();
  if (lastApplied !== undefined) out.add(lastApplied);
  for (const r of records) {
    const baseline = r.phase === 'Done' ? r.target.revision : r.baselineRevision;
    if (baseline !== undefined) out.add(baseline);
    for (const c of r.clusters) out.add(c.revision);
  }
  out.delete(target);
  return [...out].sort();
}

/**
 * What clusters on an intermediate revision run now: per recorded cluster whose revision is neither
 * its rollout's baseline nor its target, that revision's Works for that cluster. (The rendered branch
 * holds the same; the plans are already at hand and typed.)
 */
export function currentWorks(records: readonly RolloutState[], earlier: readonly RevisionWorks[]): Work[] {
  const out: Work[] = [];
  for (const r of records) {
    for (const c of r.clusters) {
      if (c.revision === r.baselineRevision || c.revision === r.target.revision) continue;
      const works = earlier.find((e) => e.revision === c.revision)?.works ?? [];
      out.push(...works.filter((w) => clusterOfWork(w) === c.name));
    }
  }
  return out;
}

/**
 * The clusters that receive replicas by failover this pass: for a binding with graceful eviction
 * tasks, each cluster whose planned replicas exceed what it had (or that is new to the binding).
 * Sorted. The rollout never blocks them (docs/rollouts.md "Failover is never blocked").
 */
export function failoverTargetsOf(
  bindings: readonly Binding[],
  previous: ReadonlyMap<ResourceKey, readonly TargetCluster[]>,
  evictions: ReadonlyMap<ResourceKey, readonly GracefulEvictionTask[]>,
): string[] {
  const out = new Set<string>();
  for (const b of bindings) {
    const key = resourceKey(b.spec.resource);
    if (!evictions.get(key)?.length) continue;
    const before = previous.get(key) ?? [];
    for (const c of b.spec.clusters) {
      const had = before.find((p) => p.name === c.name);
      if (had === undefined || (c.replicas ?? 0) > (had.replicas ?? 0)) out.add(c.name);
    }
  }
  return [...out].sort();
}

/** A fingerprint of the plan's placement (bindings → clusters and replicas): an earlier revision's cached plan is reused while it holds. */
export function placementFingerprint(bindings: readonly Binding[]): string {
  return canonicalJson(bindings.map((b) => [resourceKey(b.spec.resource), b.spec.clusters]));
}

/** How the gate reads one live copy: the interpreter's health and replicas, and whether its manifest hash is the target's. */
export interface CopyReading {
  readonly template: string;
  /** The live object; undefined when missing, an error text when it could not be read. */
  readonly live: KubeObject | undefined | { readonly error: string };
  readonly targetHash: string;
  readonly liveHash: string | undefined;
  readonly healthy: (o: KubeObject) => boolean;
  readonly desiredReplicas: (o: KubeObject) => number;
}

/** The gate's observation of a copy: missing or unreadable copies never count as the target's. */
export function copyObservation(r: CopyReading): CopyObservation {
  const live = r.live;
  if (live === undefined || 'error' in live)
    return { template: r.template, healthy: undefined, readyReplicas: 0, desiredReplicas: 0, isTarget: false };
  const status = (live as { status?: { readyReplicas?: unknown } }).status;
  const desired = r.desiredReplicas(live);
  return {
    template: r.template,
    healthy: r.healthy(live),
    readyReplicas: desired === 0 ? 0 : typeof status?.readyReplicas === 'number' ? status.readyReplicas : 0,
    desiredReplicas: desired,
    isTarget: r.liveHash !== undefined && r.liveHash === r.targetHash,
  };
}

/** The records of strategies the fleet no longer declares (a RolloutStrategy removed from the repo): pruned from the status branch. */
export function staleRecords(
  records: readonly RolloutState[],
  rollouts: readonly { readonly spec: { readonly namespace: string; readonly name: string } }[],
): RolloutState[] {
  return records.filter((r) => !rollouts.some((s) => s.spec.namespace === r.namespace && s.spec.name === r.name));
}

/** A decision to commit, with the request it acted on (removed in the same commit). */
export interface RecordWrite {
  readonly decision: RolloutDecision;
  readonly request: OperatorRequest | undefined;
}

/** The decisions whose record changed (or is new), or that acted on a pending request: each one commit. */
export function recordWrites(
  records: readonly RolloutState[],
  decisions: readonly RolloutDecision[],
  requests: readonly { readonly namespace: string; readonly name: string; readonly request: OperatorRequest }[],
): RecordWrite[] {
  const out: RecordWrite[] = [];
  for (const d of decisions) {
    const { namespace, name } = d.state;
    const before = records.find((r) => r.namespace === namespace && r.name === name);
    const request = requests.find((r) => r.namespace === namespace && r.name === name)?.request;
    const changed = !before || formatRolloutRecord(before) !== formatRolloutRecord(d.state);
    if (changed || request !== undefined) out.push({ decision: d, request });
  }
  return out;
}
