/**
 * Karmada's WorkloadAffinity and WorkloadAntiAffinity filter plugins
 * (framework/plugins/workloadaffinity, workloadantiaffinity; registered after the others when the
 * WorkloadAffinity feature gate is on): a cluster the binding already targets always passes
 * (`bindingSpec.TargetContains`, so the filter never removes scheduled replicas); otherwise every
 * peer of the affinity group must target it (obeyAffinityGroup) and no peer of the anti-affinity
 * group may (obeyAntiAffinityGroup). The peers' placements arrive as a WorkloadGroupConstraint.
 */
import type { FilteredCluster, WorkloadGroupConstraint } from '../types.ts';

/** The clusters among `names` the group filters remove, with Karmada's reasons; `held` clusters always pass. */
export function filterWorkloadGroups(
  names: readonly string[],
  held: ReadonlyMap<string, number>,
  g: WorkloadGroupConstraint,
): FilteredCluster[] {
  const out: FilteredCluster[] = [];
  for (const name of names) {
    if (held.has(name)) continue;
    if (g.denied.has(name)) {
      out.push({
        cluster: name,
        filter: 'WorkloadAntiAffinity',
        reason: 'cluster already has workload with the same anti-affinity group',
        detail: 'a workload of the anti-affinity group runs here',
      });
    } else if (g.allowed !== undefined && !g.allowed.has(name)) {
      out.push({
        cluster: name,
        filter: 'WorkloadAffinity',
        reason: 'ResourceBinding with the same affinity group does not target this cluster',
        detail: 'not every workload of the affinity group runs here',
      });
    }
  }
  return out;
}
