/** Builders for the cluster e2e tests (Q2): manifests as the renderer emits them, and Works carrying them. */
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, KubeObject } from '../../src/api/index.ts';
import type { FleetApplyOptions, PlanToApply } from '../../src/cluster/apply-fleet.ts';
import { defaultPruneGuard } from '../../src/cluster/prune-guard.ts';

/**
 * Ownership marks as render/ownership-marks.ts writes them. Manifests carry no revision (the
 * inventory records it); `_revision` stays so a fixture still reads as part of a revision's plan.
 */
export function owned<T extends KubeObject>(o: T, binding: string, _revision: string): T {
  return {
    ...o,
    metadata: {
      ...o.metadata,
      labels: { ...o.metadata.labels, 'app.kubernetes.io/managed-by': 'flotilla' },
      annotations: { ...o.metadata.annotations, 'flotilla.io/binding': binding },
    },
  };
}

export function namespace(name: string, revision: string): KubeObject {
  return owned(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations: { 'flotilla.io/prune': 'disabled' } } },
    `Namespace/${name}`,
    revision,
  );
}

export function configMap(
  ns: string,
  name: string,
  data: Record<string, string>,
  revision: string,
  extra: Partial<KubeObject> = {},
): KubeObject {
  return owned(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data, ...extra },
    `${ns}/${name}-configmap`,
    revision,
  );
}

export function deployment(
  ns: string,
  name: string,
  replicas: number,
  revision: string,
  spec: Record<string, unknown> = {},
): KubeObject {
  return owned(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              { name: 'main', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
            ],
          },
        },
        ...spec,
      },
    },
    `${ns}/${name}-deployment`,
    revision,
  );
}

export function service(ns: string, name: string, revision: string): KubeObject {
  return owned(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
    },
    `${ns}/${name}-service`,
    revision,
  );
}

export function cluster(name: string): Cluster {
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name } };
}

/** A plan: per cluster, the manifests it gets (one Work each, as render does per object). */
export function planOf(
  revision: string,
  perCluster: Readonly<Record<string, readonly KubeObject[]>>,
  clusters = ['member1', 'member2', 'member3'],
): PlanToApply {
  return {
    revision,
    clusters: clusters.map(cluster),
    works: Object.entries(perCluster).flatMap(([c, ms]) =>
      ms.map((m) => ({ metadata: { namespace: `karmada-es-${c}` }, spec: { workload: { manifests: [m] } } })),
    ),
  };
}

/** Apply options against the harness kubeconfig. */
export function applyOptions(kubeconfig: string, over: Partial<FleetApplyOptions> = {}): FleetApplyOptions {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    dryRun: false,
    prune: true,
    forceConflicts: false,
    pruneGuard: defaultPruneGuard,
    concurrency: 16,
    clusterConcurrency: 4,
    waitTimeoutMs: 30_000,
    timeoutMs: 20_000,
    requestTimeoutMs: 5_000,
    retain: (d) => d,
    credentials: { kubeconfig: kc, contextMap: new Map() },
    ...over,
  };
}
