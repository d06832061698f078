/**
 * What the controller does to a failed cluster and the bindings on it (src/status): Ready turns
 * False, the `not-ready` NoSchedule taint is added at once and NoExecute after the eviction
 * timeout; the taint manager then evicts every binding that does not tolerate it, at once or when
 * its tolerationSeconds run out.
 */
import type { Cluster, Taint } from '../api/index.ts';
import {
  applyEvictions,
  compareTaints,
  decideEvictions,
  notReadyTaintKey,
  type EvictionBinding,
  type EvictionSettings,
  type EvictionVerdict,
  type TaintedCluster,
} from '../status/index.ts';

/** The instant the simulated taints are added: any fixed time works, only differences are read. */
export const failureTime = '2000-01-01T00:00:00Z';

/** The controller taints of a cluster that stopped answering (cluster-health.ts wantedTaints, Ready False past the timeout). */
export function failureTaints(): Taint[] {
  return [
    { key: notReadyTaintKey, effect: 'NoSchedule', timeAdded: failureTime },
    { key: notReadyTaintKey, effect: 'NoExecute', timeAdded: failureTime },
  ];
}

/** The inventory with the failed clusters tainted, as the planner sees it after the failover pass. */
export function taintFailed(clusters: readonly Cluster[], failed: ReadonlySet<string>): Cluster[] {
  return clusters.map((c) => {
    if (!failed.has(c.metadata.name ?? '')) return c;
    return {
      ...c,
      spec: { ...c.spec, taints: [...(c.spec?.taints ?? []), ...failureTaints()].toSorted(compareTaints) },
    };
  });
}

/** A binding after the taint manager is done with it, and the verdicts that got it there. */
export interface EvictedBinding {
  readonly binding: EvictionBinding;
  readonly verdicts: readonly EvictionVerdict[];
}

/**
 * Evicts a binding from the failed clusters as the taint manager would once every toleration ran
 * out: verdicts at the failure time, then, for a toleration with seconds, at its deadline. A
 * `tolerate-forever` verdict keeps the binding on the failed cluster.
 */
export function evictFromFailed(
  b: EvictionBinding,
  tainted: readonly TaintedCluster[],
  s: EvictionSettings,
): EvictedBinding {
  const first = decideEvictions([b], tainted, failureTime, s);
  const later = first.flatMap((v) =>
    v.kind === 'tolerate' ? decideEvictions([b], tainted, v.until, s).filter((w) => w.cluster === v.cluster) : [],
  );
  const verdicts = [...first.filter((v) => v.kind !== 'tolerate'), ...later];
  return { binding: applyEvictions(b, verdicts), verdicts };
}
