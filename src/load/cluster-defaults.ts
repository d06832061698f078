/**
 * A Cluster as Karmada's API server stores it (STYLE T1: applied in load and only here), so field
 * selectors, spread constraints and the estimator see what Karmada's scheduler sees:
 * - pkg/apis/cluster/mutation/mutation.go migrateZoneToZones (MutateCluster, called by
 *   pkg/registry/cluster/strategy.go): a singular `spec.zone` without `spec.zones` is stored as
 *   `zones: [zone]` and the singular field is cleared.
 * - strategy.go PrepareForCreate with CustomizedClusterResourceModeling (pkg/features, on by default):
 *   no `spec.resourceModels` → SetDefaultClusterResourceModels' nine grades; otherwise
 *   StandardizeClusterResourceModels: sorted by grade, the first grade's minimums are 0 and the last
 *   grade's maximums math.MaxInt64, so every node size falls in some grade.
 * The general estimator (pkg/estimator/client/general.go) then counts `allocatableModelings`
 * against these models.
 */
import type { Cluster, ClusterSpec, ResourceModel } from '../api/index.ts';

/** math.MaxInt64 as Karmada's Quantity prints it. */
export const maxInt64Quantity = '9223372036854775807';

/** CPU and memory bounds of SetDefaultClusterResourceModels' grades 0…8 (the last maximum is MaxInt64). */
const defaultGradeBounds: readonly (readonly [cpuMin: number, memMinGi: number])[] = [
  [0, 0],
  [1, 4],
  [2, 16],
  [4, 32],
  [8, 64],
  [16, 128],
  [32, 256],
  [64, 512],
  [128, 1024],
];

const gi = (n: number): string | number => (n === 0 ? 0 : `${n}Gi`);

/** Karmada's default resource models (mutation.go SetDefaultClusterResourceModels). */
export const defaultResourceModels: readonly ResourceModel[] = defaultGradeBounds.map(([cpu, mem], grade) => {
  const next = defaultGradeBounds[grade + 1];
  return {
    grade,
    ranges: [
      { name: 'cpu', min: cpu, max: next ? next[0] : maxInt64Quantity },
      { name: 'memory', min: gi(mem), max: next ? gi(next[1]) : maxInt64Quantity },
    ],
  };
});

/** StandardizeClusterResourceModels: sorted by grade, open at both ends. */
export function standardizeResourceModels(models: readonly ResourceModel[]): readonly ResourceModel[] {
  const sorted = models.toSorted((a, b) => a.grade - b.grade);
  const last = sorted.length - 1;
  return sorted.map((m, i) => ({
    ...m,
    ranges: m.ranges.map((r) => ({
      ...r,
      ...(i === 0 ? { min: 0 } : {}),
      ...(i === last ? { max: maxInt64Quantity } : {}),
    })),
  }));
}

/** The cluster as Karmada stores it; the input is not modified. */
export function withClusterDefaults(c: Cluster): Cluster {
  const { zone, ...rest }: ClusterSpec = c.spec ?? {};
  const migrateZone = zone !== undefined && zone !== '' && (rest.zones === undefined || rest.zones.length === 0);
  const spec: ClusterSpec = {
    ...rest,
    ...(migrateZone ? { zones: [zone] } : {}),
    resourceModels: rest.resourceModels?.length
      ? standardizeResourceModels(rest.resourceModels)
      : defaultResourceModels,
  };
  return { ...c, spec };
}
