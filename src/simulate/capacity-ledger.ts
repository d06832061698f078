/**
 * The surviving clusters' capacity as the moved replicas fill it: each move is charged, in
 * workload order, against the recorded `status.resourceSummary`, and the estimator (Karmada's
 * general estimator, scheduler/estimator.ts) says how many more replicas still fit. The scheduler
 * of one controller pass divides every binding by the same recorded capacity, so two workloads
 * may both count on the same free room; this ledger is what finds that out.
 *
 * Example: survivor with cpu 32 allocatable, 22 allocated; two workloads each move 12 replicas
 * of 500m: the first fits (20 free), the second finds 8 free and loses 4 replicas.
 */
import {
  compareStrings,
  parseMilli,
  type Cluster,
  type ReplicaRequirements,
  type ResourceList,
  type ResourceSummary,
} from '../api/index.ts';
import { estimateReplicas, parseCapacity } from '../scheduler/estimator.ts';
import type { ClusterLoad, UsedCapacity } from './types.ts';

/** Capacity bookkeeping over one scenario. */
export interface CapacityLedger {
  /** Replicas of these requirements the cluster can still take; undefined when its capacity is unknown (no resourceSummary). */
  free(cluster: string, req: ReplicaRequirements | undefined): number | undefined;
  /** Records `replicas` more replicas of these requirements on the cluster. */
  charge(cluster: string, req: ReplicaRequirements | undefined, replicas: number): void;
  /** Every charged cluster's load before and after, sorted by name. */
  loads(): ClusterLoad[];
}

/** A ledger over the inventory's recorded capacity. */
export function createLedger(clusters: readonly Cluster[]): CapacityLedger {
  const byName = new Map(clusters.map((c) => [c.metadata.name ?? '', c] as const));
  const charged = new Map<string, { replicas: number; milli: Map<string, bigint> }>();
  const summaryOf = (name: string): ResourceSummary | undefined => {
    const s = byName.get(name)?.status?.resourceSummary;
    const c = charged.get(name);
    if (s === undefined || c === undefined) return s;
    const allocated: Record<string, string> = { ...stringsOf(s.allocated) };
    for (const [k, v] of c.milli) allocated[k] = `${milliOf(s.allocated?.[k]) + v}m`;
    return { ...s, allocated };
  };
  return {
    free(name, req) {
      const summary = summaryOf(name);
      if (summary === undefined) return undefined;
      return estimateReplicas(parseCapacity(summary, byName.get(name)?.spec?.resourceModels), req);
    },
    charge(name, req, replicas) {
      if (replicas <= 0) return;
      const c = charged.get(name) ?? { replicas: 0, milli: new Map<string, bigint>() };
      c.replicas += replicas;
      c.milli.set('pods', (c.milli.get('pods') ?? 0n) + BigInt(replicas) * 1000n);
      for (const [k, v] of Object.entries(req?.resourceRequest ?? {})) {
        if (k === 'pods') continue;
        c.milli.set(k, (c.milli.get(k) ?? 0n) + BigInt(replicas) * milliOf(v));
      }
      charged.set(name, c);
    },
    loads() {
      return [...charged.keys()].sort(compareStrings).map((name) => {
        const s = byName.get(name)?.status?.resourceSummary;
        const c = charged.get(name) ?? { replicas: 0, milli: new Map<string, bigint>() };
        const used = (k: string, scale: bigint): UsedCapacity | undefined => {
          if (s?.allocatable?.[k] === undefined) return undefined;
          const before = milliOf(s.allocated?.[k]) + milliOf(s.allocating?.[k]);
          return {
            allocatable: Number(milliOf(s.allocatable[k]) / scale),
            before: Number(before / scale),
            after: Number((before + (c.milli.get(k) ?? 0n)) / scale),
          };
        };
        const cpu = used('cpu', 1n);
        const memory = used('memory', 1000n);
        const pods = used('pods', 1000n);
        return {
          cluster: name,
          movedIn: c.replicas,
          ...(cpu ? { cpu } : {}),
          ...(memory ? { memory } : {}),
          ...(pods ? { pods } : {}),
        };
      });
    },
  };
}

function milliOf(q: string | number | undefined): bigint {
  return q === undefined ? 0n : (parseMilli(q) ?? 0n);
}

function stringsOf(list: ResourceList | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(list ?? {}).map(([k, v]) => [k, String(v)]));
}
