/**
 * Every field of the schemas in `schemas/`, in one place: read by the engine (`honoured`), read
 * by Karmada but not acted on by flotilla (`ignored`: a KarmadaFieldIgnored warning at the field,
 * unless the value is one whose Karmada behaviour is what flotilla does anyway), or without effect
 * on what Karmada schedules, renders or applies either (`inert`, each with the reason).
 * src/load/karmada-fields.test.ts walks every schema property and fails on one not listed here
 * (DESIGN principle 6, "Never silent").
 * Paths are schema paths: `.` between properties, `[]` for array items; a listed path covers its subtree.
 */
import { isPlainObject } from '../api/index.ts';
import type { SchemaKind } from './schema/index.ts';

const propagation: readonly SchemaKind[] = ['PropagationPolicy', 'ClusterPropagationPolicy'];

/** Fields the engine reads (each with the stage that does). */
export const honouredFields: Readonly<Record<SchemaKind, readonly string[]>> = {
  Cluster: [
    'apiVersion',
    'kind',
    'metadata', // identity, labels for cluster affinity
    'spec.provider',
    'spec.region',
    'spec.zone',
    'spec.zones',
    'spec.taints',
    'spec.resourceModels', // scheduler filters, spread, estimator (load migrates zone)
    'spec.apiEndpoint',
    'spec.secretRef',
    'spec.insecureSkipTLSVerification',
    'spec.proxyURL', // cluster credentials
    'spec.syncMode', // read below: Pull warns
    'status.apiEnablements',
    'status.conditions',
    'status.resourceSummary', // scheduler filters and estimator, cluster health
    'status.kubernetesVersion',
    'status.nodeSummary', // `flotilla clusters`, observed status
  ],
  PropagationPolicy: [
    'apiVersion',
    'kind',
    'metadata',
    'spec.resourceSelectors',
    'spec.priority',
    'spec.propagateDeps',
    'spec.dependentOverrides',
    'spec.placement.clusterAffinity',
    'spec.placement.clusterAffinities',
    'spec.placement.clusterTolerations', // overflowAffinities included (src/scheduler/overflow.ts)
    'spec.placement.spreadConstraints',
    'spec.placement.replicaScheduling',
    'spec.failover', // failover.*.statePreservation: src/status/state-preservation.ts
    'spec.preemption',
    'spec.activationPreference', // src/policy/claimed-match.ts, src/plan/activation.ts (with the previous bindings' claims)
    'spec.schedulerName', // src/plan/other-scheduler.ts: another scheduler's bindings are left alone
    'spec.placement.workloadAffinity', // src/plan/workload-groups.ts, src/scheduler/filters/workload-affinity.ts
    'spec.suspension',
    'spec.preserveResourcesOnDeletion',
    'spec.conflictResolution', // Work dispatch (render/dispatch.ts), apply and prune (src/cluster)
  ],
  ClusterPropagationPolicy: [], // as PropagationPolicy (below)
  OverridePolicy: [
    'apiVersion',
    'kind',
    'metadata',
    'spec.resourceSelectors',
    'spec.overrideRules',
    'spec.targetCluster',
    'spec.overriders',
  ],
  ClusterOverridePolicy: [], // as OverridePolicy (below)
  ResourceInterpreterCustomization: ['apiVersion', 'kind', 'metadata', 'spec.target', 'spec.customizations'],
  ClusterTaintPolicy: ['apiVersion', 'kind', 'metadata', 'spec'], // the controller's health pass (src/status/cluster-taint-policy.ts)
  Settings: [
    'apiVersion',
    'kind',
    'metadata',
    'include',
    'exclude',
    'sourceBranch',
    'statusBranch',
    'renderedBranch',
    'renderedClusterBranches',
    'pollSchedule',
  ],
  // src/rollout decides with every field (the controller's rollout step acts on it).
  RolloutStrategy: [
    'apiVersion',
    'kind',
    'metadata',
    'spec.resourceSelectors',
    'spec.waves',
    'spec.healthCheck',
    'spec.onFailure',
  ],
};

/** A field Karmada acts on and flotilla does not. */
export interface IgnoredField {
  readonly kinds: readonly SchemaKind[];
  readonly path: string;
  /** True for a value whose Karmada behaviour is flotilla's (no warning); absent: any value set warns. */
  readonly matchesFlotilla?: (value: unknown) => boolean;
  /** What Karmada would do that flotilla does not. */
  readonly effect: string;
}

export const ignoredFields: readonly IgnoredField[] = [
  {
    kinds: propagation,
    path: 'spec.association',
    matchesFlotilla: (v) => v === false,
    effect: 'deprecated: Karmada does not act on it either; use propagateDeps',
  },
  {
    kinds: ['Cluster'],
    path: 'spec.impersonatorSecretRef',
    effect: "Karmada's aggregated API proxy would impersonate users with it; flotilla never proxies",
  },
  {
    kinds: ['Cluster'],
    path: 'spec.proxyHeader',
    effect: 'Karmada would send these headers to the proxy; flotilla sends none',
  },
  {
    kinds: ['ResourceInterpreterCustomization'],
    path: 'spec.customizations.componentResource',
    effect:
      "Karmada's multi-template scheduling (MultiplePodTemplatesScheduling, off by default) would read it; flotilla schedules by replicaResource",
  },
];

/** Fields without effect on what Karmada schedules, renders or applies, so without one in flotilla either. */
export const inertFields: readonly {
  readonly kinds: readonly SchemaKind[];
  readonly path: string;
  readonly why: string;
}[] = [
  {
    kinds: ['Cluster'],
    path: 'spec.id',
    why: "Karmada's unique identity of the member; flotilla names clusters by metadata.name",
  },
  {
    kinds: ['Cluster'],
    path: 'status.remedyActions',
    why: 'written by Karmada Remedy controllers for traffic control, never read by its scheduler',
  },
  {
    kinds: propagation,
    path: 'spec.schedulePriority',
    why: "orders Karmada's scheduling queue only; flotilla plans every binding of a revision at once",
  },
];

/** Every kind's honoured paths, with the Cluster- variants sharing their namespaced kind's list. */
export function honouredFor(kind: SchemaKind): readonly string[] {
  if (kind === 'ClusterPropagationPolicy') return honouredFields.PropagationPolicy;
  if (kind === 'ClusterOverridePolicy') return honouredFields.OverridePolicy;
  return honouredFields[kind];
}

/** A field set to a value flotilla does not act on: where, and the warning's text. */
export interface IgnoredFieldUse {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Uses of ignored fields in one validated object (a Cluster in Pull mode included). */
export function ignoredFieldUses(kind: SchemaKind, object: unknown): IgnoredFieldUse[] {
  const out: IgnoredFieldUse[] = [];
  for (const f of ignoredFields) {
    if (!f.kinds.includes(kind)) continue;
    for (const { path, value } of valuesAt(object, f.path)) {
      if (f.matchesFlotilla?.(value)) continue;
      out.push({ path, message: `${f.path.replaceAll('[]', '')} is not acted on by flotilla: ${f.effect}` });
    }
  }
  if (kind === 'Cluster') {
    for (const { path, value } of valuesAt(object, 'spec.syncMode')) {
      if (value === 'Pull')
        out.push({
          path,
          message:
            'spec.syncMode Pull is not acted on by flotilla: Karmada would leave applying to an agent in the member; flotilla applies to it (or renders for it) as to any cluster',
        });
    }
  }
  return out;
}

/** The values at a schema path in an object, with their object paths. */
function valuesAt(object: unknown, schemaPath: string): { path: (string | number)[]; value: unknown }[] {
  let found: { path: (string | number)[]; value: unknown }[] = [{ path: [], value: object }];
  for (const seg of schemaPath.split('.')) {
    const array = seg.endsWith('[]');
    const key = array ? seg.slice(0, -2) : seg;
    const next: typeof found = [];
    for (const f of found) {
      if (!isPlainObject(f.value) || !Object.hasOwn(f.value, key)) continue;
      const v = f.value[key];
      if (!array) next.push({ path: [...f.path, key], value: v });
      else if (Array.isArray(v)) {
        v.forEach((item, i) => {
          next.push({ path: [...f.path, key, i], value: item });
        });
      }
    }
    found = next;
  }
  return found;
}
