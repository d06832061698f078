/** Fixture builders for preview tests (STYLE Q2): bindings, Works and plans without running the pipeline. */
import type { Diagnostic, JsonObject, Placement, TargetCluster } from '../../src/api/index.ts';
import type { Binding, Plan } from '../../src/plan/index.ts';
import type { Work } from '../../src/render/index.ts';

/** Options of {@link binding}. */
export interface BindingOptions {
  readonly kind?: string;
  readonly namespace?: string;
  readonly policy?: string;
  readonly replicas?: number;
  readonly placement?: Placement;
  readonly unschedulable?: { reason: string; message: string };
}

/** A ResourceBinding of `name` placed on `clusters` (`{eu: 3}`; a null count = no replicas field). */
export function binding(
  name: string,
  clusters: Readonly<Record<string, number | null>>,
  o: BindingOptions = {},
): Binding {
  const kind = o.kind ?? 'Deployment';
  const ns = o.namespace ?? 'shop';
  const targets: TargetCluster[] = Object.entries(clusters).map(([c, r]) =>
    r === null ? { name: c } : { name: c, replicas: r },
  );
  return {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: {
      name: `${name}-${kind.toLowerCase()}`,
      namespace: ns,
      labels: { 'app.kubernetes.io/managed-by': 'flotilla' },
      annotations: {
        'propagationpolicy.karmada.io/name': o.policy ?? 'spread',
        'propagationpolicy.karmada.io/namespace': ns,
      },
    },
    spec: {
      resource: { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, namespace: ns, name },
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      clusters: targets,
      ...(o.placement ? { placement: o.placement } : {}),
    },
    status: {
      conditions: [
        o.unschedulable
          ? { type: 'Scheduled', status: 'False', reason: o.unschedulable.reason, message: o.unschedulable.message }
          : {
              type: 'Scheduled',
              status: 'True',
              reason: 'Success',
              message: 'Binding has been scheduled successfully.',
            },
      ],
    },
  };
}

/** A Work carrying a Deployment `name` with `replicas` and `image` to `cluster`. */
export function deploymentWork(cluster: string, name: string, replicas: number, image: string): Work {
  return work(cluster, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', annotations: { 'flotilla.io/binding': `shop/${name}-deployment` } },
    spec: { replicas, template: { spec: { containers: [{ name: 'web', image }] } } },
  });
}

/** A Work carrying `manifest` to `cluster`. */
export function work(cluster: string, manifest: JsonObject): Work {
  const meta = manifest['metadata'] as { name: string; annotations?: Record<string, string> };
  return {
    apiVersion: 'work.karmada.io/v1alpha1',
    kind: 'Work',
    metadata: {
      name: `${meta.name}-x`,
      namespace: `karmada-es-${cluster}`,
      labels: {},
      annotations: { 'flotilla.io/binding': meta.annotations?.['flotilla.io/binding'] ?? '' },
    },
    spec: { workload: { manifests: [manifest] } },
  };
}

/** A plan of bindings and Works (errors make it invalid, as planFleet returns it). */
export function plan(
  revision: string,
  bindings: readonly Binding[],
  works: readonly Work[],
  errors: readonly Diagnostic[] = [],
): Plan {
  return { revision, bindings, works, errors, warnings: [], explanations: [], clusters: [] };
}
