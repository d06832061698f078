/**
 * The fleet inventory indexed once per scheduler: clusters sorted by name, with the facts the
 * filters, the estimator and spread selection read, pre-parsed.
 */
import { compareStrings } from '../api/index.ts';
import type { Cluster, Taint } from '../api/index.ts';

/** One cluster, pre-parsed. `index` is its position in the name-sorted fleet. */
export interface IndexedCluster {
  readonly index: number;
  readonly name: string;
  readonly cluster: Cluster;
  readonly provider: string;
  readonly region: string;
  readonly zones: readonly string[];
  /** Taints with effect NoSchedule or NoExecute (Karmada tainttoleration filterPredicate). */
  readonly blockingTaints: readonly Taint[];
  /** `groupVersion|kind` of every listed API, or undefined when status.apiEnablements is absent or empty. */
  readonly apis: ReadonlySet<string> | undefined;
  /** Karmada skips clusters being deleted (generic_scheduler.go findClustersThatFit). */
  readonly deleting: boolean;
}

/** The indexed fleet. */
export interface FleetIndex {
  readonly clusters: readonly IndexedCluster[];
  readonly byName: ReadonlyMap<string, IndexedCluster>;
}

/** Indexes a fleet inventory; clusters sorted by name (D2). */
export function indexFleet(clusters: readonly Cluster[]): FleetIndex {
  const sorted = clusters.toSorted((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
  const out = sorted.map((cluster, index) => indexCluster(cluster, index));
  return { clusters: out, byName: new Map(out.map((c) => [c.name, c])) };
}

function indexCluster(cluster: Cluster, index: number): IndexedCluster {
  const spec = cluster.spec ?? {};
  const enablements = cluster.status?.apiEnablements ?? [];
  let apis: Set<string> | undefined;
  if (enablements.length > 0) {
    apis = new Set();
    for (const e of enablements) for (const r of e.resources ?? []) apis.add(`${e.groupVersion}|${r.kind}`);
  }
  return {
    index,
    name: cluster.metadata.name ?? '',
    cluster,
    provider: spec.provider ?? '',
    region: spec.region ?? '',
    zones: spec.zones ?? [],
    blockingTaints: (spec.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
    apis,
    deleting: cluster.metadata['deletionTimestamp'] !== undefined && cluster.metadata['deletionTimestamp'] !== null,
  };
}
