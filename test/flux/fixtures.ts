/** Fleet files for the Flux end-to-end tests (builders, not inline YAML). */
import YAML from 'yaml';

/** Namespaces, one document each. */
export function namespacesYaml(...names: string[]): string {
  return names.map((name) => YAML.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })).join('---\n');
}

/** A Deployment of `replicas` (one container requesting 10m CPU). */
export function deploymentYaml(ns: string, name: string, replicas: number): string {
  return YAML.stringify({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `registry.example.com/${name}:1.0`, resources: { requests: { cpu: '10m' } } }] } },
    },
  });
}

/** A ConfigMap whose data values are all strings (quoted in the fleet file). */
export function configMapYaml(ns: string, name: string, data: Readonly<Record<string, string>>): string {
  return YAML.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data }, { defaultStringType: 'QUOTE_DOUBLE' });
}

/** A PropagationPolicy placing one object (Duplicated) on `clusters`. */
export function placeOn(ns: string, kind: 'Deployment' | 'ConfigMap', name: string, clusters: readonly string[]): string {
  return YAML.stringify({
    apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: `${kind.toLowerCase()}-${name}`, namespace: ns },
    spec: {
      resourceSelectors: [{ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, name }],
      placement: { clusterAffinity: { clusterNames: [...clusters] }, replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
    },
  });
}

/**
 * Strings a YAML 1.1 reader (go-yaml v2 behind kubectl and Flux) would take for a date, a number,
 * a boolean or null when written plain, and a line separator it would take for a line break: each
 * must reach the member as the same string. (C1 controls such as NEL are left out: kustomize
 * itself turns U+0085 into a space, whatever the file says; see test/cluster/kustomize.e2e.test.ts.)
 */
export const trickyScalars: Readonly<Record<string, string>> = {
  date: '2026-08-01',
  underscored: '1_000',
  binary: '0b101',
  sexagesimal: '1:20',
  yesWord: 'yes',
  onWord: 'on',
  offWord: 'off',
  octal: '012',
  tilde: '~',
  nullWord: 'null',
  float: '1e3',
  hex: '0x1F',
  trailingDot: '1.',
  letterY: 'y',
  lineSeparator: 'a\u2028b',
};
