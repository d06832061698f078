/** Fleet files for the Flux end-to-end tests (builders, not inline YAML). */
import YAML from 'yaml';
import { kustomizeCarries, trickyStrings } from '../fixtures/tricky-yaml.ts';

/** Namespaces, one document each. */
export function namespacesYaml(...names: string[]): string {
  return names.map((name) => YAML.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })).join('---\n');
}

/** A Deployment of `replicas` (one container requesting 10m CPU). */
export function deploymentYaml(ns: string, name: string, replicas: number): string {
  return YAML.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name, image: `registry.example.com/${name}:1.0`, resources: { requests: { cpu: '10m' } } }],
        },
      },
    },
  });
}

/** A ConfigMap whose data values are all strings (quoted in the fleet file). */
export function configMapYaml(ns: string, name: string, data: Readonly<Record<string, string>>): string {
  return YAML.stringify(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data },
    { defaultStringType: 'QUOTE_DOUBLE' },
  );
}

/** A PropagationPolicy placing one object (Duplicated) on `clusters`. */
export function placeOn(
  ns: string,
  kind: 'Deployment' | 'ConfigMap',
  name: string,
  clusters: readonly string[],
): string {
  return YAML.stringify({
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: `${kind.toLowerCase()}-${name}`, namespace: ns },
    spec: {
      resourceSelectors: [{ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, name }],
      placement: {
        clusterAffinity: { clusterNames: [...clusters] },
        replicaScheduling: { replicaSchedulingType: 'Duplicated' },
      },
    },
  });
}

/**
 * ConfigMap data of the shared tricky strings (test/fixtures/tricky-yaml.ts: what YAML 1.1, the
 * 1.2 core schema or go-yaml v2 would read as a date, number, boolean, null or line break if
 * written plain) that kustomize can carry at all: each as a value, and as a key where a ConfigMap
 * key may be that string. Each must reach the member exactly as it is in the fleet.
 */
export function trickyData(): Record<string, string> {
  const data: Record<string, string> = {};
  trickyStrings.forEach((v, i) => {
    if (!kustomizeCarries(v)) return;
    data[`v${i}`] = v;
    if (/^[-._a-zA-Z0-9]+$/.test(v)) data[v] = `k${i}`;
  });
  return data;
}
