/**
 * Finding the template a person names on the command line among the fleet repo's templates, with
 * kubectl's spellings of a kind (deploy, deployments, Deployment, deployment.apps) and, when
 * there is none, the nearest ones (did you mean).
 */
import { compareStrings, type KubeObject, type Loaded } from '../api/index.ts';
import { parseTypedKind } from '../cluster/resolve-kind.ts';
import { suggestionFor } from '../load/index.ts';

/** kubectl's short names of built-in kinds (`kubectl api-resources`). */
const shortNames: Readonly<Record<string, string>> = {
  po: 'Pod',
  svc: 'Service',
  deploy: 'Deployment',
  rs: 'ReplicaSet',
  sts: 'StatefulSet',
  ds: 'DaemonSet',
  cj: 'CronJob',
  cm: 'ConfigMap',
  ns: 'Namespace',
  sa: 'ServiceAccount',
  pvc: 'PersistentVolumeClaim',
  pv: 'PersistentVolume',
  ing: 'Ingress',
  hpa: 'HorizontalPodAutoscaler',
  pdb: 'PodDisruptionBudget',
  netpol: 'NetworkPolicy',
  crd: 'CustomResourceDefinition',
  ep: 'Endpoints',
  no: 'Node',
  quota: 'ResourceQuota',
  limits: 'LimitRange',
  sc: 'StorageClass',
  pc: 'PriorityClass',
};

/** What the lookup found. */
export type TemplateLookup =
  | { readonly kind: 'found'; readonly template: Loaded }
  | { readonly kind: 'not-found'; readonly suggestions: readonly string[] };

/** Whether `typed` names the kind of `apiVersion`/`kind`. */
export function namesKind(typed: string, apiVersion: string, kind: string): boolean {
  const want = parseTypedKind(typed);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (want.group !== undefined && want.group !== group && !(want.group === 'core' && group === '')) return false;
  if (want.version !== undefined && want.version !== version) return false;
  const n = want.name.toLowerCase();
  const k = kind.toLowerCase();
  return n === k || n === plural(k) || shortNames[n] === kind;
}

/** The template of that kind, name and namespace (`default` for namespaced ones when none is given). */
export function lookupTemplate(
  templates: readonly Loaded[],
  typed: string,
  name: string,
  namespace: string | undefined,
): TemplateLookup {
  const ofKind = templates.filter((t) => namesKind(typed, t.object.apiVersion, t.object.kind));
  const inNamespace = (t: Loaded) =>
    t.object.metadata.namespace === undefined
      ? namespace === undefined
      : t.object.metadata.namespace === (namespace ?? 'default');
  const hit = ofKind.find((t) => t.object.metadata.name === name && inNamespace(t));
  if (hit) return { kind: 'found', template: hit };
  const elsewhere = ofKind
    .filter((t) => t.object.metadata.name === name)
    .map((t) => `${describe(t.object)} (pass -n ${t.object.metadata.namespace ?? ''})`);
  const near = suggestionFor(name, [...new Set(ofKind.filter(inNamespace).map((t) => t.object.metadata.name ?? ''))]);
  const nearTemplate =
    near === undefined
      ? []
      : ofKind.filter((t) => t.object.metadata.name === near && inNamespace(t)).map((t) => describe(t.object));
  const otherKinds = templates
    .filter((t) => t.object.metadata.name === name && inNamespace(t) && !ofKind.includes(t))
    .map((t) => describe(t.object));
  return { kind: 'not-found', suggestions: [...nearTemplate, ...elsewhere, ...otherKinds].sort(compareStrings) };
}

function plural(k: string): string {
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

function describe(o: KubeObject): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`;
}
