/** Short human phrases for the parts of a preview, shared by the table and Markdown forms. */
import { describeRef, type ResourceRef } from '../api/index.ts';
import type { ContractDiagnostic } from '../plan/index.ts';
import type { ClusterChange, ClusterPlacement, ResourceChange } from './model.ts';

/** `Kind namespace/name`. */
export function describeResource(r: ResourceRef): string {
  return describeRef(r);
}

/**
 * The clusters whose placement changed, e.g. `eu-1: 3 → 5, us-1: 2 → 0 (removed), ap-1: new 2`;
 * for a resource without replicas (a Service, a ConfigMap) `ap-1: new, us-1: removed`.
 * `unchanged` when only the policy or the scheduling outcome differs.
 */
export function describePlacement(r: ResourceChange): string {
  const workload = r.replicas.before !== null || r.replicas.after !== null;
  const parts = r.clusters.filter((c) => c.before !== c.after).map((c) => describeCluster(c, workload));
  return parts.length ? parts.join(', ') : 'unchanged';
}

function describeCluster(c: ClusterPlacement, workload: boolean): string {
  if (c.before === null) return workload ? `${c.cluster}: new ${c.after ?? 0}` : `${c.cluster}: new`;
  if (c.after === null) return workload ? `${c.cluster}: ${c.before} → 0 (removed)` : `${c.cluster}: removed`;
  return `${c.cluster}: ${c.before} → ${c.after}`;
}

/** The claiming policy, `A → B` when it changed, with the placement paths that were edited. */
export function describePolicy(r: ResourceChange): string {
  const { before, after } = r.policy;
  const name = before === after ? (after ?? 'none') : `${before ?? 'none'} → ${after ?? 'none'}`;
  return r.placementPaths.length ? `${name} (edited: ${r.placementPaths.join(', ')})` : name;
}

/** What happened to the resource: added, removed, changed, or why it cannot be scheduled. */
export function describeOutcome(r: ResourceChange): string {
  const after = r.scheduling.after;
  if (after && !after.scheduled) return `unschedulable (${after.reason}): ${after.message}`;
  if (r.change === 'changed' && r.scheduling.before && !r.scheduling.before.scheduled) return 'schedulable again';
  return r.change;
}

/** `1 added, 2 changed` for a cluster; parts with zero left out. */
export function describeClusterCounts(c: ClusterChange): string {
  const parts = [
    c.added ? `${c.added} added` : '',
    c.removed ? `${c.removed} removed` : '',
    c.changed ? `${c.changed} changed` : '',
  ];
  return parts.filter((p) => p !== '').join(', ');
}

/** `file:line:col: error Code: message`, the human form of a diagnostic (STYLE K7). */
export function describeDiagnostic(d: ContractDiagnostic, severity: 'error' | 'warning' = 'error'): string {
  return `${d.file}:${d.line}${d.column !== undefined ? `:${d.column}` : ''}: ${severity} ${d.code}: ${d.message}`;
}

/** The first 7 characters of a commit sha; other revision labels unchanged. */
export function shortRevision(revision: string): string {
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}
