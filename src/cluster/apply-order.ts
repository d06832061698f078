/**
 * Apply order and stages, as fluxcd/pkg ssa/sort.go and ssa/manager_apply.go (ApplyAllStaged):
 * definitions (CRDs, Namespaces, ClusterRoles) first and waited on, then class kinds, then the rest;
 * within a stage by kind rank, group, kind, namespace, name.
 */
import { compareStrings } from '../api/index.ts';
import type { ObjectId } from './object-id.ts';

// fluxcd/pkg ssa/sort.go ReconcileOrder: these kinds first, in this order; webhooks last.
const firstKinds = [
  'CustomResourceDefinition',
  'Namespace',
  'ClusterRole',
  'ClusterClass',
  'RuntimeClass',
  'PriorityClass',
  'StorageClass',
  'VolumeSnapshotClass',
  'IngressClass',
  'GatewayClass',
  'ClusterRoleBinding',
  'ResourceQuota',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'Secret',
  'Service',
  'LimitRange',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
] as const;
const lastKinds = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] as const;

/**
 * The rank of a kind: negative for the listed first kinds (in list order), 0 for any other kind,
 * positive for the webhook kinds. Deployment ranks -4, an unknown CRD kind 0, a webhook 1 or 2.
 */
export function kindRank(kind: string): number {
  const first = (firstKinds as readonly string[]).indexOf(kind);
  if (first >= 0) return first - firstKinds.length;
  const last = (lastKinds as readonly string[]).indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

/** Apply order (D2): kind rank, group, kind, namespace, name. */
export function compareApplyOrder(a: ObjectId, b: ObjectId): number {
  return (
    kindRank(a.kind) - kindRank(b.kind) ||
    compareStrings(a.group, b.group) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.namespace, b.namespace) ||
    compareStrings(a.name, b.name)
  );
}

/** The stages of one apply, in order. */
export const stageNames = ['definitions', 'classes', 'resources'] as const;
export type StageName = (typeof stageNames)[number];

/** The stage an object belongs to (fluxcd/pkg ssa/utils/is.go IsClusterDefinition, IsClassDefinition). */
export function stageOf(id: ObjectId): StageName {
  if (id.kind === 'CustomResourceDefinition' && id.group === 'apiextensions.k8s.io') return 'definitions';
  if (id.kind === 'Namespace' && id.group === '') return 'definitions';
  if (id.kind === 'ClusterRole' && id.group === 'rbac.authorization.k8s.io') return 'definitions';
  if (id.kind.endsWith('Class')) return 'classes';
  return 'resources';
}

/** One stage with its items in apply order. */
export interface Stage<T> {
  readonly name: StageName;
  readonly items: readonly T[];
}

/** Splits items into their non-empty stages, each sorted by compareApplyOrder. */
export function planStages<T>(items: readonly T[], idOf: (t: T) => ObjectId): Stage<T>[] {
  return stageNames
    .map((name) => ({
      name,
      items: items.filter((t) => stageOf(idOf(t)) === name).toSorted((a, b) => compareApplyOrder(idOf(a), idOf(b))),
    }))
    .filter((s) => s.items.length > 0);
}
