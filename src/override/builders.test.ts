/** Fixture builders for the override tests (STYLE Q2). Holds no tests of its own. */
import type { Cluster, JsonObject, Loaded, OverridePolicy, OverrideSpec, Overriders } from '../api/index.ts';

/** A member cluster with labels. */
export function cluster(name: string, labels: Record<string, string> = {}): Cluster {
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name, labels } };
}

/** A namespaced OverridePolicy loaded from `policies/<name>.yaml` line 1. */
export function overridePolicy(name: string, spec: OverrideSpec, namespace = 'default'): Loaded<OverridePolicy> {
  return {
    object: { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'OverridePolicy', metadata: { name, namespace }, spec },
    source: { file: `policies/${name}.yaml`, line: 1, column: 1, doc: 0 },
  };
}

/** A ClusterOverridePolicy loaded from `policies/<name>.yaml` line 3. */
export function clusterOverridePolicy(name: string, spec: OverrideSpec): Loaded<OverridePolicy> {
  return {
    object: { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterOverridePolicy', metadata: { name }, spec },
    source: { file: `policies/${name}.yaml`, line: 3, column: 1, doc: 0 },
  };
}

/** One rule for all clusters (or those named). */
export function rule(overriders: Overriders, clusterNames?: string[]): OverrideSpec {
  return { overrideRules: [clusterNames ? { targetCluster: { clusterNames }, overriders } : { overriders }] };
}

/** A Deployment with containers `name=image` (and optional extra container fields). */
export function deployment(
  name: string,
  containers: JsonObject[],
  labels: Record<string, string> = { app: name },
): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: { replicas: 2, template: { metadata: { labels }, spec: { containers } } },
  };
}

/** A Pod with containers. */
export function pod(name: string, containers: JsonObject[]): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers } };
}

/** A ConfigMap with data. */
export function configMap(name: string, data: Record<string, string>, metadata: JsonObject = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ...metadata }, data };
}
