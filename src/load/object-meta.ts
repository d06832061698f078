/**
 * metadata kube-apiserver would refuse, found at load time so a revision never carries an object
 * no member accepts (kube-apiserver's apimachinery ValidateObjectMeta, ValidateLabels,
 * ValidateAnnotations; k8s.io/apimachinery/pkg/util/validation IsDNS1123Subdomain, IsDNS1123Label,
 * IsDNS1035Label, IsQualifiedName, IsValidLabelValue).
 *
 * Names: each kind has its own name rule, so only what every kind refuses is refused for all:
 * `.`, `..`, and names containing `/` or `%` (path.IsValidPathSegmentName, the rule of the most
 * permissive kinds, e.g. RBAC's `system:aggregate-to-edit`), and names over 253 characters (no
 * Karmada binding can be named after them: a ResourceBinding's name is the template's name plus
 * its kind, a DNS-1123 subdomain). The stricter rules apply only to the kinds known to use them;
 * any other kind (RBAC, custom resources, kinds flotilla does not know) is given the benefit of
 * the doubt, and its member reports the rest at apply time.
 */
import {
  isDns1123Subdomain,
  isPlainObject,
  labelValueProblem,
  qualifiedNameProblem,
  splitApiVersion,
  type KubeObject,
} from '../api/index.ts';

/** A name rule: undefined when the name is valid, else why not. */
type NameRule = (name: string) => string | undefined;

const dns1123LabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035LabelRe = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** IsDNS1123Subdomain. */
export const dns1123Subdomain: NameRule = (n) =>
  n.length > 253
    ? 'must be no more than 253 characters'
    : isDns1123Subdomain(n)
      ? undefined
      : 'must be a lowercase RFC 1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';
/** IsDNS1123Label. */
export const dns1123Label: NameRule = (n) =>
  n.length > 63
    ? 'must be no more than 63 characters'
    : dns1123LabelRe.test(n)
      ? undefined
      : 'must be a lowercase RFC 1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit';
/** IsDNS1035Label (Service names). */
export const dns1035Label: NameRule = (n) =>
  n.length > 63
    ? 'must be no more than 63 characters'
    : dns1035LabelRe.test(n)
      ? undefined
      : 'must be an RFC 1035 label: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit';
/** path.IsValidPathSegmentName plus the 253-character bound: what every kind refuses. */
export const pathSegment: NameRule = (n) => {
  if (n === '.' || n === '..') return `may not be "${n}"`;
  if (n.includes('/') || n.includes('%')) return 'may not contain "/" or "%"';
  return n.length > 253 ? 'must be no more than 253 characters' : undefined;
};

/** Name rules of built-in kinds by `group/Kind` (their Validate*Name functions in kubernetes pkg/apis/<group>/validation). */
const nameRules: Readonly<Record<string, NameRule>> = {
  '/Namespace': dns1123Label,
  '/Service': dns1035Label,
  ...Object.fromEntries(
    [
      '/ConfigMap',
      '/Secret',
      '/Pod',
      '/PersistentVolumeClaim',
      '/PersistentVolume',
      '/ServiceAccount',
      '/ReplicationController',
      '/LimitRange',
      '/ResourceQuota',
      '/Endpoints',
      'apps/Deployment',
      'apps/StatefulSet',
      'apps/DaemonSet',
      'apps/ReplicaSet',
      'batch/Job',
      'batch/CronJob',
      'networking.k8s.io/Ingress',
      'networking.k8s.io/NetworkPolicy',
      'networking.k8s.io/IngressClass',
      'policy/PodDisruptionBudget',
      'autoscaling/HorizontalPodAutoscaler',
      'storage.k8s.io/StorageClass',
      'scheduling.k8s.io/PriorityClass',
    ].map((k) => [k, dns1123Subdomain]),
  ),
};

/** The name rule for a kind: its own when known, else the one every kind shares. */
export function nameRuleFor(apiVersion: string, kind: string): NameRule {
  return nameRules[`${splitApiVersion(apiVersion).group}/${kind}`] ?? pathSegment;
}

/** One refused piece of metadata: where it is and why. */
export interface MetaProblem {
  readonly path: readonly string[];
  readonly message: string;
}

/** Everything in a template's metadata kube-apiserver would refuse. */
export function objectMetaProblems(o: KubeObject): MetaProblem[] {
  const out: MetaProblem[] = [];
  const meta = o.metadata;
  const name = meta.name ?? ''; // read-objects guarantees a name
  const nameWhy = nameRuleFor(o.apiVersion, o.kind)(name);
  if (nameWhy) out.push({ path: ['metadata', 'name'], message: `metadata.name "${clip(name)}" ${nameWhy}` });
  if (meta.namespace !== undefined && meta.namespace !== '') {
    const nsWhy = dns1123Label(meta.namespace);
    if (nsWhy)
      out.push({ path: ['metadata', 'namespace'], message: `metadata.namespace "${clip(meta.namespace)}" ${nsWhy}` });
  }
  const labels: unknown = meta.labels;
  if (isPlainObject(labels)) {
    for (const [k, v] of Object.entries(labels)) {
      const keyWhy = qualifiedNameProblem(k);
      if (keyWhy) out.push({ path: ['metadata', 'labels', k], message: `label key "${clip(k)}" ${keyWhy}` });
      const valueWhy = labelValueProblem(v);
      if (valueWhy) out.push({ path: ['metadata', 'labels', k], message: `label value of "${clip(k)}" ${valueWhy}` });
    }
  }
  const annotations: unknown = meta.annotations;
  if (isPlainObject(annotations)) {
    for (const k of Object.keys(annotations)) {
      const keyWhy = qualifiedNameProblem(k.toLowerCase()); // ValidateAnnotations checks the lower-cased key
      if (keyWhy) out.push({ path: ['metadata', 'annotations', k], message: `annotation key "${clip(k)}" ${keyWhy}` });
    }
  }
  return out;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
