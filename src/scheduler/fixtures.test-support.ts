/** Test builders (Q2): clusters and candidates without inline YAML. */
import type { Cluster, ClusterSpec, Placement, ResourceSummary } from '../api/index.ts';
import type { Candidate } from './candidate.ts';
import { indexFleet } from './fleet-index.ts';

/** Options of a test cluster. */
export interface ClusterOptions extends ClusterSpec {
  readonly labels?: Record<string, string>;
  readonly apis?: readonly string[];
  readonly summary?: ResourceSummary;
  /** Free CPU cores on an otherwise roomy cluster (allocatable 64 cpu, 256Gi, 1000 pods). */
  readonly freeCpu?: number;
}

/** A Cluster named `name`. */
export function cluster(name: string, o: ClusterOptions = {}): Cluster {
  const { labels, apis, summary, freeCpu, ...spec } = o;
  const resourceSummary =
    summary ??
    (freeCpu === undefined
      ? undefined
      : { allocatable: { cpu: '64', memory: '256Gi', pods: '1000' }, allocated: { cpu: String(64 - freeCpu) } });
  const apiEnablements = apis?.map((a) => {
    const [groupVersion = '', kind = ''] = a.split('|');
    return { groupVersion, resources: [{ name: kind.toLowerCase(), kind }] };
  });
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: labels ? { name, labels } : { name },
    spec,
    status: { ...(apiEnablements ? { apiEnablements } : {}), ...(resourceSummary ? { resourceSummary } : {}) },
  };
}

/** A ranked candidate with a score and available replicas (allocatable = available − assigned). */
export function candidate(
  name: string,
  available: number,
  o: { score?: number; assigned?: number; region?: string } = {},
): Candidate {
  const c = indexFleet([cluster(name, o.region ? { region: o.region } : {})]).clusters[0];
  if (c === undefined) throw new Error('unreachable');
  return { cluster: c, name, score: o.score ?? 0, available, allocatable: available - (o.assigned ?? 0) };
}

/** Divided by available replicas (`dynamicWeight: AvailableReplicas`). */
export const dynamicPlacement: Placement = {
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Weighted',
    weightPreference: { dynamicWeight: 'AvailableReplicas' },
  },
};

/** Divided into as few clusters as possible. */
export const aggregatedPlacement: Placement = {
  replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
};
