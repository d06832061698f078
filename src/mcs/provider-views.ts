/**
 * A provider's view for the dispatch decision: its collected slices, or unreachable and whether
 * that has lasted past the cluster-failover grace, read off the controller taints the failover
 * pass keeps (the NoExecute taint is added `--failover-eviction-timeout` after Ready left True).
 */
import type { KubeObject, Taint } from '../api/index.ts';
import { notReadyTaintKey, unreachableTaintKey } from '../status/index.ts';
import type { ProviderView } from './member-objects.ts';

/**
 * True once the cluster carries the failover's NoExecute taint: its endpoints leave the consumers
 * exactly when its workloads are evicted, never before.
 * flotilla differs: Karmada's multiclusterservice controllers drop a provider once it is not Ready
 * (mcs_controller.go retrieveMultiClusterService) and its mcs controllers keep the last collected
 * slices of an unready one; flotilla waits for the failover grace in both (docs/multi-cluster-services.md).
 */
export function pastFailoverGrace(taints: readonly Taint[]): boolean {
  return taints.some((t) => t.effect === 'NoExecute' && (t.key === notReadyTaintKey || t.key === unreachableTaintKey));
}

/** What this pass read from a provider: its slices, or nothing (unreachable, or not tried because the pass found it unreachable). */
export type ProviderRead =
  | { readonly kind: 'observed'; readonly slices: readonly KubeObject[] }
  | { readonly kind: 'unreachable' };

/** The providers' views by cluster, from what was read and each cluster's controller taints. */
export function providerViews(
  providers: readonly string[],
  read: ReadonlyMap<string, ProviderRead>,
  taints: ReadonlyMap<string, readonly Taint[]>,
): Map<string, ProviderView> {
  return new Map(
    providers.map((p): [string, ProviderView] => {
      const r = read.get(p);
      return [
        p,
        r?.kind === 'observed' ? r : { kind: 'unreachable', pastGrace: pastFailoverGrace(taints.get(p) ?? []) },
      ];
    }),
  );
}
