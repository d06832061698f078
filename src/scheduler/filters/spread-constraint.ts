/** Karmada plugins/spreadconstraint: a cluster must carry the property a spread constraint groups by. */
import type { IndexedCluster } from '../fleet-index.ts';
import { feasible } from './context.ts';
import type { FilterInput, FilterVerdict } from './context.ts';

export const name = 'SpreadConstraint';

/** Feasible unless a provider/region/zone spread constraint needs a property the cluster lacks. */
export function filterSpreadConstraint(input: FilterInput, c: IndexedCluster): FilterVerdict {
  for (const s of input.spread) {
    if (s.field === 'provider' && c.provider === '') return missing('provider', 'spec.provider');
    if (s.field === 'region' && c.region === '') return missing('region', 'spec.region');
    if (s.field === 'zone' && c.zones.length === 0) return missing('zones', 'spec.zones');
  }
  return feasible;
}

function missing(property: string, path: string): FilterVerdict {
  return {
    kind: 'Unschedulable',
    filter: name,
    reason: `cluster(s) did not have ${property} property`,
    detail: `${path} is empty but a spread constraint groups by it`,
  };
}
