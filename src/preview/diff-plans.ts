/** The preview of a change: two plans in, placement and manifest differences out. */
import type { Diagnostic } from '../api/index.ts';
import type { ContractDiagnostic, Plan } from '../plan/index.ts';
import { diffWorks } from './manifest-diff.ts';
import {
  previewSchema,
  type ClusterChange,
  type DiffSummary,
  type PlanDiff,
  type ResourceChange,
  type RevisionSide,
} from './model.ts';
import { diffBindings } from './placement-diff.ts';
import { aggregateMoves, movedReplicas } from './replica-moves.ts';

/** One side of the comparison: the ref the user named and the plan of the revision it resolved to. */
export interface DiffSide {
  readonly ref: string;
  readonly plan: Plan;
}

/**
 * Compares two plans made with the same cluster state and previous placement. An invalid head is
 * reported with its errors and no placement changes: its empty plan would otherwise read as
 * "everything removed".
 */
export function diffPlans(base: DiffSide, head: DiffSide): PlanDiff {
  const baseSide = sideOf(base, []);
  const headSide = sideOf(head, baseSide.warnings);
  const invalidHead = headSide.errors.length > 0;
  const resources = invalidHead ? [] : diffBindings(base.plan.bindings, head.plan.bindings);
  const clusters = invalidHead ? [] : diffWorks(base.plan.works, head.plan.works);
  const moves = aggregateMoves(resources);
  const changed = invalidHead || baseSide.errors.length > 0 || resources.length > 0 || clusters.length > 0;
  return {
    schema: previewSchema,
    base: baseSide,
    head: headSide,
    changed,
    summary: summarize(resources, clusters, movedReplicas(moves), headSide.errors.length),
    resources,
    moves,
    clusters,
  };
}

function sideOf(s: DiffSide, baseWarnings: readonly ContractDiagnostic[]): RevisionSide {
  const warnings = s.plan.warnings.map(contractOf);
  const known = new Set(baseWarnings.map(warningKey));
  return {
    ref: s.ref,
    revision: s.plan.revision,
    errors: s.plan.errors.map(contractOf),
    warnings,
    newWarnings: warnings.filter((w) => !known.has(warningKey(w))).length,
  };
}

/** A warning's identity across revisions: its line may move when the file is edited above it. */
function warningKey(d: ContractDiagnostic): string {
  return `${d.code}\u0000${d.file}\u0000${d.message}`;
}

/** The `{file, line, column, code, message}` form of `plan -o json`, so tools read one shape. */
function contractOf(d: Diagnostic): ContractDiagnostic {
  return {
    file: d.file,
    line: d.line,
    ...(d.column !== undefined ? { column: d.column } : {}),
    code: d.code,
    message: d.message,
  };
}

function summarize(
  resources: readonly ResourceChange[],
  clusters: readonly ClusterChange[],
  replicasMoved: number,
  headErrors: number,
): DiffSummary {
  const touched = new Set(clusters.map((c) => c.cluster));
  for (const r of resources) for (const c of r.clusters) if (c.before !== c.after) touched.add(c.cluster);
  const sum = (f: (c: ClusterChange) => number) => clusters.reduce((s, c) => s + f(c), 0);
  return {
    resourcesReplaced: resources.filter((r) => r.replaced).length,
    replicasMoved,
    clustersTouched: touched.size,
    resourcesAdded: resources.filter((r) => r.change === 'added').length,
    resourcesRemoved: resources.filter((r) => r.change === 'removed').length,
    resourcesChanged: resources.filter((r) => r.change === 'changed').length,
    unschedulable: resources.filter((r) => r.becameUnschedulable).length,
    objectsAdded: sum((c) => c.added),
    objectsRemoved: sum((c) => c.removed),
    objectsChanged: sum((c) => c.changed),
    headErrors,
  };
}

/** `N resources re-placed, N replicas moved, N clusters touched`, singular where 1. */
export function summaryLine(s: DiffSummary): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `${n(s.resourcesReplaced, 'resource', 'resources')} re-placed, ${n(s.replicasMoved, 'replica', 'replicas')} moved, ${n(s.clustersTouched, 'cluster', 'clusters')} touched`;
}
