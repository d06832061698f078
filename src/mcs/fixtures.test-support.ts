/** Builders for the multi-cluster service tests (Q2). */
import type { JsonObject, KubeObject } from '../api/index.ts';
import { buildWork, type Work } from '../render/work.ts';

/** A Work carrying `manifest` to `cluster`. */
export function work(cluster: string, manifest: JsonObject): Work {
  const meta = manifest['metadata'] as { name: string; namespace?: string };
  return buildWork(
    cluster,
    {
      apiVersion: String(manifest['apiVersion']),
      kind: String(manifest['kind']),
      namespace: meta.namespace ?? 'default',
      name: meta.name,
    },
    'b',
    manifest,
  );
}

/** A ServiceExport `ns/name`. */
export function serviceExport(name: string, namespace = 'default'): JsonObject {
  return { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name, namespace } };
}

/** A ServiceImport `ns/name` of type ClusterSetIP (or `type`) with one port 80. */
export function serviceImport(name: string, namespace = 'default', type = 'ClusterSetIP'): JsonObject {
  return {
    apiVersion: 'multicluster.x-k8s.io/v1alpha1',
    kind: 'ServiceImport',
    metadata: { name, namespace },
    spec: { type, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
  };
}

/** A Service `ns/name` selecting app=name. */
export function service(name: string, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector: { app: name }, ports: [{ port: 80 }], clusterIP: '10.0.0.9' },
  };
}

/** A MultiClusterService of type CrossCluster. */
export function multiClusterService(
  name: string,
  providers: readonly string[],
  consumers: readonly string[],
  types: readonly string[] = ['CrossCluster'],
): KubeObject {
  return {
    apiVersion: 'networking.karmada.io/v1alpha1',
    kind: 'MultiClusterService',
    metadata: { name, namespace: 'default' },
    spec: {
      types: [...types],
      providerClusters: providers.map((n) => ({ name: n })),
      consumerClusters: consumers.map((n) => ({ name: n })),
    },
  };
}

/** An EndpointSlice of service `svc` with these endpoint IPs (ready unless listed in `notReady`). */
export function slice(
  name: string,
  svc: string,
  ips: readonly string[],
  opts: { notReady?: readonly string[]; labels?: Record<string, string>; namespace?: string } = {},
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: opts.namespace ?? 'default',
      labels: {
        'kubernetes.io/service-name': svc,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        ...opts.labels,
      },
    },
    addressType: 'IPv4',
    endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: !(opts.notReady ?? []).includes(ip) } })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}
