/**
 * Fields the API server fills in with its defaults (k8s.io/kubernetes pkg/apis/{core,apps,batch}/v1/defaults.go),
 * removed from a promoted template when they hold exactly the default: the template then says
 * what a person would have written, and applying it changes nothing on the member (a field left
 * out keeps its value, owned by the manager that created the object).
 */
import { isPlainObject, type JsonObject } from '../api/index.ts';

/** A path of keys; `*` walks every element of an array. */
type FieldPath = readonly string[];

interface DefaultedField {
  readonly path: FieldPath;
  /** The default, or a function of the object holding the field (imagePullPolicy depends on the tag). */
  readonly value: unknown | ((holder: JsonObject) => unknown);
}

const containerDefaults: readonly DefaultedField[] = [
  { path: ['terminationMessagePath'], value: '/dev/termination-log' },
  { path: ['terminationMessagePolicy'], value: 'File' },
  { path: ['imagePullPolicy'], value: (c: JsonObject) => defaultPullPolicy(c['image']) },
  { path: ['resources'], value: {} },
  { path: ['ports', '*', 'protocol'], value: 'TCP' },
];

/** SetDefaults_PodSpec (core/v1/defaults.go). */
const podSpecDefaults: readonly DefaultedField[] = [
  { path: ['dnsPolicy'], value: 'ClusterFirst' },
  { path: ['restartPolicy'], value: 'Always' },
  { path: ['terminationGracePeriodSeconds'], value: 30 },
  { path: ['securityContext'], value: {} },
  { path: ['schedulerName'], value: 'default-scheduler' },
  { path: ['enableServiceLinks'], value: true },
  // The deprecated alias the server copies from serviceAccountName.
  { path: ['serviceAccount'], value: (spec: JsonObject) => spec['serviceAccountName'] },
  ...['containers', 'initContainers'].flatMap((list) =>
    containerDefaults.map((d) => ({ ...d, path: [list, '*', ...d.path] })),
  ),
];

const templateDefaults = (prefix: FieldPath): DefaultedField[] => [
  { path: [...prefix, 'metadata', 'creationTimestamp'], value: null },
  ...podSpecDefaults.map((d) => ({ ...d, path: [...prefix, 'spec', ...d.path] })),
];

/** Per kind: its own defaults (apps/v1 and batch/v1 defaults.go) and those of its pod template. */
const defaultsByKind: Readonly<Record<string, readonly DefaultedField[]>> = {
  Deployment: [
    { path: ['spec', 'progressDeadlineSeconds'], value: 600 },
    { path: ['spec', 'revisionHistoryLimit'], value: 10 },
    { path: ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], value: '25%' },
    { path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'], value: '25%' },
    { path: ['spec', 'strategy', 'type'], value: 'RollingUpdate' },
    ...templateDefaults(['spec', 'template']),
  ],
  StatefulSet: [
    { path: ['spec', 'podManagementPolicy'], value: 'OrderedReady' },
    { path: ['spec', 'revisionHistoryLimit'], value: 10 },
    { path: ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], value: 0 },
    { path: ['spec', 'updateStrategy', 'type'], value: 'RollingUpdate' },
    { path: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenDeleted'], value: 'Retain' },
    { path: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenScaled'], value: 'Retain' },
    ...templateDefaults(['spec', 'template']),
  ],
  DaemonSet: [
    { path: ['spec', 'revisionHistoryLimit'], value: 10 },
    { path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'], value: 0 },
    { path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], value: 1 },
    { path: ['spec', 'updateStrategy', 'type'], value: 'RollingUpdate' },
    ...templateDefaults(['spec', 'template']),
  ],
  ReplicaSet: templateDefaults(['spec', 'template']),
  Job: templateDefaults(['spec', 'template']),
  CronJob: [
    { path: ['spec', 'concurrencyPolicy'], value: 'Allow' },
    { path: ['spec', 'failedJobsHistoryLimit'], value: 1 },
    { path: ['spec', 'successfulJobsHistoryLimit'], value: 3 },
    { path: ['spec', 'suspend'], value: false },
    ...templateDefaults(['spec', 'jobTemplate', 'spec', 'template']),
  ],
  Pod: podSpecDefaults.map((d) => ({ ...d, path: ['spec', ...d.path] })),
  Service: [
    { path: ['spec', 'type'], value: 'ClusterIP' },
    { path: ['spec', 'sessionAffinity'], value: 'None' },
    { path: ['spec', 'internalTrafficPolicy'], value: 'Cluster' },
    { path: ['spec', 'externalTrafficPolicy'], value: 'Cluster' },
    { path: ['spec', 'allocateLoadBalancerNodePorts'], value: true },
    { path: ['spec', 'ipFamilyPolicy'], value: 'SingleStack' },
    { path: ['spec', 'ipFamilies'], value: ['IPv4'] },
    { path: ['spec', 'ports', '*', 'protocol'], value: 'TCP' },
  ],
  PersistentVolumeClaim: [{ path: ['spec', 'volumeMode'], value: 'Filesystem' }],
};

/**
 * Removes, in place, each field of `m` that holds its kind's server default, then the maps this
 * leaves empty (`strategy: {rollingUpdate: {}}`). The caller passes its own copy.
 *
 * Example: a Deployment read back with `progressDeadlineSeconds: 600` and a container with
 * `imagePullPolicy: IfNotPresent` for image `nginx:1.27` loses both; `imagePullPolicy: Always`
 * for the same image (not the default for a tagged image) stays.
 */
export function dropServerDefaults(m: JsonObject): void {
  for (const d of defaultsByKind[String(m['kind'])] ?? []) dropAt(m, d.path, d.value);
}

function dropAt(holder: unknown, path: FieldPath, value: DefaultedField['value']): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    if (Array.isArray(holder)) for (const item of holder) dropAt(item, rest, value);
    return;
  }
  if (!isPlainObject(holder) || !(head in holder)) return;
  if (rest.length === 0) {
    const want = typeof value === 'function' ? (value as (h: JsonObject) => unknown)(holder as JsonObject) : value;
    if (sameJson(holder[head], want)) delete holder[head];
    return;
  }
  dropAt(holder[head], rest, value);
  const child = holder[head];
  if (isPlainObject(child) && Object.keys(child).length === 0) delete holder[head];
}

/** core/v1 SetDefaults_Container: Always for `:latest` or an untagged image, else IfNotPresent. */
function defaultPullPolicy(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  const name = image.split('@')[0] ?? image;
  const tag = /:([^/:]+)$/.exec(name)?.[1];
  if (image.includes('@') && tag === undefined) return 'IfNotPresent';
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
