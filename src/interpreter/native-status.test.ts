import assert from 'node:assert/strict';
import type { JsonObject, KubeObject } from '../api/index.ts';
import { createInterpreter } from './index.ts';

const interpreter = createInterpreter([]);
const obj = (apiVersion: string, kind: string, fields: JsonObject, metadata: JsonObject = {}): KubeObject =>
  ({ apiVersion, kind, metadata: { name: 'x', namespace: 'ns', ...metadata }, ...fields }) as unknown as KubeObject;

describe('native Retain (Karmada native/retain.go, lifted/retain.go)', () => {
  const cases: readonly { name: string; desired: KubeObject; observed: KubeObject; want: JsonObject }[] = [
    {
      name: 'Service keeps clusterIP and healthCheckNodePort',
      desired: obj('v1', 'Service', { spec: { type: 'LoadBalancer' } }),
      observed: obj('v1', 'Service', { spec: { clusterIP: '10.0.0.1', healthCheckNodePort: 31000 } }),
      want: { spec: { type: 'LoadBalancer', healthCheckNodePort: 31000, clusterIP: '10.0.0.1' } },
    },
    {
      name: 'PVC keeps volumeName',
      desired: obj('v1', 'PersistentVolumeClaim', { spec: {} }),
      observed: obj('v1', 'PersistentVolumeClaim', { spec: { volumeName: 'pv-1' } }),
      want: { spec: { volumeName: 'pv-1' } },
    },
    {
      name: 'Job keeps selector and template labels',
      desired: obj('batch/v1', 'Job', { spec: { template: { spec: {} } } }),
      observed: obj('batch/v1', 'Job', {
        spec: {
          selector: { matchLabels: { 'controller-uid': 'u' } },
          template: { metadata: { labels: { 'controller-uid': 'u' } } },
        },
      }),
      want: {
        spec: {
          template: { spec: {}, metadata: { labels: { 'controller-uid': 'u' } } },
          selector: { matchLabels: { 'controller-uid': 'u' } },
        },
      },
    },
    {
      name: 'Pod keeps nodeName and volume mounts',
      desired: obj('v1', 'Pod', { spec: { containers: [{ name: 'a' }] } }),
      observed: obj('v1', 'Pod', {
        spec: { nodeName: 'n1', containers: [{ name: 'a', volumeMounts: [{ name: 'tok' }] }] },
      }),
      want: { spec: { containers: [{ name: 'a', volumeMounts: [{ name: 'tok' }] }], nodeName: 'n1' } },
    },
    {
      name: 'Deployment keeps replicas only with the retain label',
      desired: obj(
        'apps/v1',
        'Deployment',
        { spec: { replicas: 2 } },
        { labels: { 'resourcetemplate.karmada.io/retain-replicas': 'true' } },
      ),
      observed: obj('apps/v1', 'Deployment', { spec: { replicas: 7 } }),
      want: { spec: { replicas: 7 } },
    },
    {
      name: 'Deployment without the label is unchanged',
      desired: obj('apps/v1', 'Deployment', { spec: { replicas: 2 } }),
      observed: obj('apps/v1', 'Deployment', { spec: { replicas: 7 } }),
      want: { spec: { replicas: 2 } },
    },
    {
      name: 'token Secret keeps its data',
      desired: obj('v1', 'Secret', { type: 'kubernetes.io/service-account-token' }),
      observed: obj('v1', 'Secret', { data: { token: 'dA==' } }),
      want: { type: 'kubernetes.io/service-account-token', data: { token: 'dA==' } },
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        { ...interpreter.retain(c.desired, c.observed), metadata: undefined, apiVersion: undefined, kind: undefined },
        { ...c.want, metadata: undefined, apiVersion: undefined, kind: undefined },
      ),
    );
});

describe('native InterpretHealth (Karmada native/healthy.go)', () => {
  const cases: readonly [string, KubeObject, boolean][] = [
    [
      'Deployment rolled out',
      obj(
        'apps/v1',
        'Deployment',
        { spec: { replicas: 2 }, status: { observedGeneration: 1, updatedReplicas: 2, availableReplicas: 2 } },
        { generation: 1 },
      ),
      true,
    ],
    [
      'Deployment generation not observed',
      obj(
        'apps/v1',
        'Deployment',
        { spec: { replicas: 2 }, status: { observedGeneration: 1, updatedReplicas: 2, availableReplicas: 2 } },
        { generation: 2 },
      ),
      false,
    ],
    [
      'StatefulSet not all available',
      obj('apps/v1', 'StatefulSet', { spec: { replicas: 2 }, status: { updatedReplicas: 2, availableReplicas: 1 } }),
      false,
    ],
    ['Service ClusterIP', obj('v1', 'Service', { spec: { type: 'ClusterIP' } }), true],
    [
      'LoadBalancer without address',
      obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: {} } }),
      false,
    ],
    [
      'Ingress with address',
      obj('networking.k8s.io/v1', 'Ingress', { status: { loadBalancer: { ingress: [{ hostname: 'lb' }] } } }),
      true,
    ],
    ['PVC bound', obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Bound' } }), true],
    [
      'PDB short of healthy pods',
      obj('policy/v1', 'PodDisruptionBudget', { status: { currentHealthy: 1, desiredHealthy: 2 } }),
      false,
    ],
    ['a kind without a handler is healthy', obj('v1', 'ConfigMap', {}), true],
  ];
  for (const [name, o, want] of cases) it(name, () => assert.equal(interpreter.interpretHealth(o), want));
});

describe('native AggregateStatus (Karmada native/aggregatestatus.go)', () => {
  it('Job: counters, a Complete condition when all completed, earliest start and latest completion', () => {
    const job = obj('batch/v1', 'Job', { spec: {} });
    const complete = (start: string, end: string): JsonObject => ({
      succeeded: 1,
      startTime: start,
      completionTime: end,
      conditions: [{ type: 'Complete', status: 'True' }],
    });
    const out = createInterpreter([], { now: '2024-05-01T00:00:00Z' }).aggregateStatus(job, [
      { clusterName: 'a', status: complete('2024-01-01T00:00:02Z', '2024-01-01T00:01:00Z') },
      { clusterName: 'b', status: complete('2024-01-01T00:00:01Z', '2024-01-01T00:02:00Z') },
    ]);
    assert.deepEqual(out['status'], {
      conditions: [
        {
          type: 'Complete',
          status: 'True',
          lastProbeTime: '2024-05-01T00:00:00Z',
          lastTransitionTime: '2024-05-01T00:00:00Z',
          reason: 'Completed',
          message: 'Job completed',
        },
      ],
      startTime: '2024-01-01T00:00:01Z',
      completionTime: '2024-01-01T00:02:00Z',
      succeeded: 2,
    });
  });
  it('PVC: Lost wins over every other phase', () => {
    assert.deepEqual(
      interpreter.aggregateStatus(obj('v1', 'PersistentVolumeClaim', {}), [
        { clusterName: 'a', status: { phase: 'Pending' } },
        { clusterName: 'b', status: { phase: 'Lost' } },
      ])['status'],
      { phase: 'Lost' },
    );
  });
  it('PDB: counters summed and disrupted pods keyed by cluster', () => {
    assert.deepEqual(
      interpreter.aggregateStatus(obj('policy/v1', 'PodDisruptionBudget', {}), [
        { clusterName: 'a', status: { currentHealthy: 1, desiredHealthy: 1, disruptedPods: { p: 't' } } },
      ])['status'],
      { disruptedPods: { 'a/p': 't' }, disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 0 },
    );
  });
  it('a kind without a handler is unchanged', () => {
    const cm = obj('v1', 'ConfigMap', { data: { a: 'b' } });
    assert.deepEqual(interpreter.aggregateStatus(cm, [{ clusterName: 'a', status: { x: 1 } }]), cm);
  });
});

describe('native InterpretDependency (Karmada native/dependencies.go)', () => {
  it('StatefulSet: its own volumeClaimTemplates are not dependencies; projected and CSI secrets are', () => {
    const sts = obj('apps/v1', 'StatefulSet', {
      spec: {
        volumeClaimTemplates: [{ metadata: { name: 'data' } }],
        template: {
          spec: {
            serviceAccountName: 'default',
            volumes: [
              { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
              { name: 'shared', persistentVolumeClaim: { claimName: 'shared' } },
              { name: 'p', projected: { sources: [{ secret: { name: 's1' } }, { configMap: { name: 'c1' } }] } },
              { name: 'csi', csi: { nodePublishSecretRef: { name: 's2' } } },
            ],
          },
        },
      },
    });
    assert.deepEqual(
      interpreter.interpretDependency(sts).map((d) => `${d.kind}/${d.name}`),
      ['ConfigMap/c1', 'Secret/s1', 'Secret/s2', 'PersistentVolumeClaim/shared'],
    );
  });
  it('Ingress: its TLS secrets', () => {
    assert.deepEqual(
      interpreter.interpretDependency(
        obj('networking.k8s.io/v1', 'Ingress', { spec: { tls: [{ secretName: 'tls' }] } }),
      ),
      [{ apiVersion: 'v1', kind: 'Secret', namespace: 'ns', name: 'tls' }],
    );
  });
  it('ServiceImport: the derived Service and its EndpointSlices by label', () => {
    assert.deepEqual(
      interpreter
        .interpretDependency(obj('multicluster.x-k8s.io/v1alpha1', 'ServiceImport', {}))
        .map((d) => d.name ?? JSON.stringify(d.labelSelector)),
      ['derived-x', '{"matchLabels":{"kubernetes.io/service-name":"derived-x"}}'],
    );
  });
});
