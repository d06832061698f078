/**
 * Karmada's native InterpretDependency tests, ported case by case
 * (pkg/resourceinterpreter/default/native/dependencies_test.go, default_test.go TestGetDependencies).
 * Skipped: none. Go's CronJob and one Pod case use made-up apiVersions (batch/v1beta1, a lower-case
 * `pod`) because they call the kind's function directly; here the objects carry the kind Karmada
 * dispatches on (batch/v1 CronJob, v1 Pod). Go's nil list is an empty list here.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { depsNamespace, native, obj, podSpecPairs } from './karmada-native.test-support.ts';

/** Where each kind keeps its pod spec (its spec without a pod template in the "without" cases). */
const workloads: readonly {
  test: string;
  noun: string;
  apiVersion: string;
  kind: string;
  spec: (podSpec: JsonObject | undefined) => JsonObject;
}[] = [
  {
    test: 'Test_getDeploymentDependencies',
    noun: 'deployment',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    spec: (p) => ({ replicas: 3, ...(p ? { template: { spec: p } } : {}) }),
  },
  {
    test: 'Test_getReplicaSetDependencies',
    noun: 'replicaset',
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    spec: (p) => ({ replicas: 3, ...(p ? { template: { spec: p } } : {}) }),
  },
  {
    test: 'Test_getJobDependencies',
    noun: 'job',
    apiVersion: 'batch/v1',
    kind: 'Job',
    spec: (p) => (p ? { template: { spec: p } } : {}),
  },
  {
    test: 'Test_getCronJobDependencies',
    noun: 'cronjob',
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    spec: (p) => ({ schedule: '*/1 * * * *', ...(p ? { jobTemplate: { spec: { template: { spec: p } } } } : {}) }),
  },
  {
    test: 'Test_getDaemonSetDependencies',
    noun: 'daemonset',
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    spec: (p) => ({ selector: { matchLabels: { app: 'fake' } }, ...(p ? { template: { spec: p } } : {}) }),
  },
  {
    test: 'Test_getStatefulSetDependencies',
    noun: 'statefulset',
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    spec: (p) => ({
      serviceName: 'fake-service',
      selector: { matchLabels: { app: 'fake' } },
      ...(p ? { template: { spec: p } } : {}),
    }),
  },
];

const metadata = { name: 'fake', namespace: depsNamespace };
const cases: readonly { origin: string; object: ReturnType<typeof obj>; want: readonly unknown[] }[] = [
  ...workloads.flatMap((w) => [
    {
      origin: `dependencies_test.go :: ${w.test} :: ${w.noun} without dependencies`,
      object: obj(w.apiVersion, w.kind, { spec: w.spec(undefined) }, metadata),
      want: [],
    },
    ...podSpecPairs.map((pair, i) => ({
      origin: `dependencies_test.go :: ${w.test} :: ${w.noun} with dependencies ${i + 1}`,
      object: obj(w.apiVersion, w.kind, { spec: w.spec(pair.spec) }, metadata),
      want: pair.want,
    })),
  ]),
  {
    origin: 'dependencies_test.go :: Test_getPodDependencies :: pod without dependencies',
    object: obj(
      'v1',
      'Pod',
      { spec: { containers: [{ name: 'example-container', image: 'busybox', command: ['echo', 'Hello, World!'] }] } },
      metadata,
    ),
    want: [],
  },
  ...podSpecPairs.map((pair, i) => ({
    origin: `dependencies_test.go :: Test_getPodDependencies :: pod with dependencies ${i + 1}`,
    object: obj('v1', 'Pod', { spec: pair.spec }, metadata),
    want: pair.want,
  })),
  {
    origin: 'dependencies_test.go :: Test_getStatefulSetDependencies :: statefulset with partial dependencies 4',
    object: obj(
      'apps/v1',
      'StatefulSet',
      {
        spec: {
          serviceName: 'fake-service',
          selector: { matchLabels: { app: 'fake' } },
          template: { spec: podSpecPairs[0]?.spec ?? {} },
          volumeClaimTemplates: [{ metadata: { name: 'test-pvc' } }],
        },
      },
      metadata,
    ),
    // The PVC named by a volumeClaimTemplate is the StatefulSet's own, not a dependency.
    want: podSpecPairs[0]?.want.slice(0, 3) ?? [],
  },
  {
    origin: 'dependencies_test.go :: Test_getServiceImportDependencies :: serviceImport get dependencies',
    object: obj(
      'multicluster.x-k8s.io/v1alpha1',
      'ServiceImport',
      { spec: { type: 'ClusterSetIP', ports: [{ port: 80, protocol: 'TCP' }] } },
      { name: 'fake-serviceImport', namespace: depsNamespace },
    ),
    want: [
      { apiVersion: 'v1', kind: 'Service', namespace: depsNamespace, name: 'derived-fake-serviceImport' },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        namespace: depsNamespace,
        labelSelector: { matchLabels: { 'kubernetes.io/service-name': 'derived-fake-serviceImport' } },
      },
    ],
  },
  {
    origin: 'dependencies_test.go :: Test_getIngressDependencies :: ingress with dependencies 2',
    object: obj(
      'networking.k8s.io/v1',
      'Ingress',
      {
        spec: {
          tls: [
            { hosts: ['foo1.*.bar.com'], secretName: 'cloud-secret' },
            { hosts: ['foo2.*.bar.com'], secretName: 'test-secret' },
          ],
        },
      },
      { name: 'test-ingress', namespace: depsNamespace },
    ),
    want: [
      { apiVersion: 'v1', kind: 'Secret', namespace: depsNamespace, name: 'cloud-secret' },
      { apiVersion: 'v1', kind: 'Secret', namespace: depsNamespace, name: 'test-secret' },
    ],
  },
  {
    origin: 'default_test.go :: TestGetDependencies :: deployment with dependencies 2',
    object: obj(
      'apps/v1',
      'Deployment',
      { spec: { replicas: 3, template: { spec: podSpecPairs[1]?.spec ?? {} } } },
      { name: 'fake-deployment', namespace: depsNamespace },
    ),
    want: podSpecPairs[1]?.want ?? [],
  },
  {
    // An apps/v1 CronJob has no native handler: Karmada errors, and its caller finds no dependencies.
    origin: 'default_test.go :: TestGetDependencies :: can not get dependencies of given kind and apiversion',
    object: obj(
      'apps/v1',
      'CronJob',
      { spec: { replicas: 3, template: { spec: podSpecPairs[1]?.spec ?? {} } } },
      { name: 'fake-cronjob', namespace: depsNamespace },
    ),
    want: [],
  },
];

describe('Karmada native/dependencies_test.go: InterpretDependency', () => {
  for (const c of cases) it(c.origin, () => assert.deepEqual(native.interpretDependency(c.object), c.want));

  it('dependencies_test.go :: Test_getAllDefaultDependenciesInterpreter: the nine kinds with dependencies', () => {
    const podSpec = { serviceAccountName: 'sa' };
    const template = { template: { spec: podSpec } };
    const kinds: readonly [string, string, JsonObject][] = [
      ['apps/v1', 'Deployment', template],
      ['apps/v1', 'ReplicaSet', template],
      ['batch/v1', 'Job', template],
      ['batch/v1', 'CronJob', { jobTemplate: { spec: template } }],
      ['v1', 'Pod', podSpec],
      ['apps/v1', 'DaemonSet', template],
      ['apps/v1', 'StatefulSet', template],
      ['networking.k8s.io/v1', 'Ingress', { tls: [{ secretName: 'sa' }] }],
      ['multicluster.x-k8s.io/v1alpha1', 'ServiceImport', {}],
      ['batch/v1beta1', 'CronJob', { jobTemplate: { spec: template } }],
      ['apps/v1beta1', 'Deployment', template],
    ];
    assert.deepEqual(
      kinds.map(
        ([apiVersion, kind, spec]) => native.interpretDependency(obj(apiVersion, kind, { spec }, metadata)).length > 0,
      ),
      [true, true, true, true, true, true, true, true, true, false, false],
    );
  });
});
