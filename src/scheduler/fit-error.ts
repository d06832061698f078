/** Karmada framework/types.go FitError: the one-line summary of why no cluster fits. */
import { compareStrings } from '../api/index.ts';
import type { FilteredCluster } from './types.ts';

/**
 * "0/N clusters are available: <count> <reason>, …." with `<count> <reason>` strings sorted (as Go's
 * sort.Strings sorts them), or "no cluster exists" when the fleet is empty or nothing was filtered.
 * Example: "0/3 clusters are available: 1 cluster(s) did not match the placement cluster affinity
 * constraint, 2 cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}."
 */
export function fitErrorMessage(numAllClusters: number, filtered: readonly FilteredCluster[]): string {
  if (numAllClusters === 0 || filtered.length === 0)
    return `0/${numAllClusters} clusters are available: no cluster exists.`;
  const counts = new Map<string, number>();
  for (const f of filtered) counts.set(f.reason, (counts.get(f.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(compareStrings);
  return `0/${numAllClusters} clusters are available: ${parts.join(', ')}.`;
}
