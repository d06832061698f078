/**
 * Cluster affinity matching, as Karmada's pkg/util/selector.go ClusterMatches: used by placement
 * filtering, static weight lists and OverridePolicy targetCluster alike.
 */
import type { Cluster, ClusterAffinity, FieldSelectorRequirement } from './karmada.ts';
import { matchesLabelSelector, matchesRequirement } from './label-selector.ts';

/** Field selector keys Karmada understands (pkg/util/constants.go ProviderField/RegionField/ZoneField). */
export const clusterFieldKeys = ['provider', 'region', 'zone'] as const;

/**
 * True when the cluster satisfies every part of the affinity: it is not in `exclude`, its labels match
 * `labelSelector` (absent = any), its fields match `fieldSelector` (absent = any) and its name is in
 * `clusterNames` (empty = any). An empty affinity matches every cluster.
 */
export function clusterMatchesAffinity(affinity: ClusterAffinity, cluster: Cluster): boolean {
  const name = cluster.metadata.name ?? '';
  if (affinity.exclude?.includes(name)) return false;
  if (!matchesLabelSelector(affinity.labelSelector, cluster.metadata.labels)) return false;
  if (
    affinity.fieldSelector !== undefined &&
    !clusterMatchesFields(affinity.fieldSelector.matchExpressions ?? [], cluster)
  ) {
    return false;
  }
  const names = affinity.clusterNames ?? [];
  return names.length === 0 || names.includes(name);
}

/**
 * True when the cluster satisfies every field requirement. `provider` and `region` come from
 * `spec.provider` / `spec.region` (an empty string counts as absent) and use node-selector semantics;
 * `zone` is matched against `spec.zones` by Karmada's matchZones: In = any zone listed, NotIn = no
 * zone listed, Exists = some zone, DoesNotExist = no zone. A deprecated singular `spec.zone` arrives
 * here as `zones` (load migrates it, as Karmada's API server does). A requirement on any other key
 * never matches a cluster field (the key is absent).
 */
export function clusterMatchesFields(reqs: readonly FieldSelectorRequirement[], cluster: Cluster): boolean {
  const fields: Record<string, string> = {};
  if (cluster.spec?.provider) fields['provider'] = cluster.spec.provider;
  if (cluster.spec?.region) fields['region'] = cluster.spec.region;
  const zones = cluster.spec?.zones ?? [];
  return reqs.every((req) => (req.key === 'zone' ? matchesZones(req, zones) : matchesRequirement(req, fields)));
}

/** Karmada pkg/util/selector.go matchZones; unknown operators (Gt/Lt) never match. */
function matchesZones(req: FieldSelectorRequirement, zones: readonly string[]): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return zones.some((z) => values.includes(z));
    case 'NotIn':
      return !zones.some((z) => values.includes(z));
    case 'Exists':
      return zones.length > 0;
    case 'DoesNotExist':
      return zones.length === 0;
    default:
      return false;
  }
}
