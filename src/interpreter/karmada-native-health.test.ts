/**
 * Karmada's native InterpretHealth tests, ported case by case
 * (pkg/resourceinterpreter/default/native/healthy_test.go, default_test.go TestInterpretHealth).
 * Skipped: none. Go calls each kind's function directly, some with objects lacking apiVersion and
 * kind; here every object carries the kind whose function the Go test calls.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { native, obj } from './karmada-native.test-support.ts';

const rollout = (kind: string, name: string, status: JsonObject, generation = 1): ReturnType<typeof obj> =>
  obj('apps/v1', kind, { spec: { replicas: 3 }, status }, { name, generation });

const cases: readonly { origin: string; object: ReturnType<typeof obj>; want: boolean }[] = [
  ...(
    [
      ['Deployment', 'fake-deployment', 'Test_interpretDeploymentHealth'],
      ['StatefulSet', 'fake-statefulSet', 'Test_interpretStatefulSetHealth'],
    ] as const
  ).flatMap(([kind, name, test]) => {
    const healthy = kind === 'Deployment' ? 'deployment healthy' : 'statefulSet healthy';
    const unavailable = kind === 'Deployment' ? 0 : 1;
    return [
      {
        origin: `healthy_test.go :: ${test} :: ${healthy}`,
        object: rollout(kind, name, { availableReplicas: 3, updatedReplicas: 3, observedGeneration: 1 }),
        want: true,
      },
      {
        origin: `healthy_test.go :: ${test} :: generation not equal to observedGeneration`,
        object: rollout(kind, name, { availableReplicas: 3, updatedReplicas: 3, observedGeneration: 2 }),
        want: false,
      },
      {
        origin: `healthy_test.go :: ${test} :: replicas not equal to updatedReplicas`,
        object: rollout(kind, name, { updatedReplicas: 1, observedGeneration: 1 }),
        want: false,
      },
      {
        origin: `healthy_test.go :: ${test} :: availableReplicas not equal to updatedReplicas`,
        object: rollout(kind, name, { availableReplicas: unavailable, updatedReplicas: 3, observedGeneration: 1 }),
        want: false,
      },
    ];
  }),
  {
    origin: 'healthy_test.go :: Test_interpretReplicaSetHealth :: replicaSet healthy',
    object: obj(
      'apps/v1',
      'ReplicaSet',
      { spec: { replicas: 3 }, status: { availableReplicas: 3, observedGeneration: 1 } },
      { generation: 1 },
    ),
    want: true,
  },
  {
    origin: 'healthy_test.go :: Test_interpretReplicaSetHealth :: generation not equal to observedGeneration',
    object: obj(
      'apps/v1',
      'ReplicaSet',
      { spec: { replicas: 3 }, status: { availableReplicas: 3, observedGeneration: 2 } },
      { generation: 1 },
    ),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretReplicaSetHealth :: replicas not equal to availableReplicas',
    object: obj(
      'apps/v1',
      'ReplicaSet',
      { spec: { replicas: 3 }, status: { availableReplicas: 2, observedGeneration: 2 } },
      { generation: 1 },
    ),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretDaemonSetHealth :: daemonSet healthy',
    object: obj('apps/v1', 'DaemonSet', { status: { observedGeneration: 1 } }, { generation: 1 }),
    want: true,
  },
  {
    origin: 'healthy_test.go :: Test_interpretDaemonSetHealth :: generation not equal to observedGeneration',
    object: obj('apps/v1', 'DaemonSet', { status: { observedGeneration: 2 } }, { generation: 1 }),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretDaemonSetHealth :: updatedNumberScheduled < desiredNumberScheduled',
    object: obj('apps/v1', 'DaemonSet', { status: { updatedNumberScheduled: 3, desiredNumberScheduled: 5 } }),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretDaemonSetHealth :: numberAvailable < updatedNumberScheduled',
    object: obj('apps/v1', 'DaemonSet', { status: { updatedNumberScheduled: 5, numberAvailable: 3 } }),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretServiceHealth :: service healthy',
    object: obj('v1', 'Service', {
      spec: { type: 'LoadBalancer' },
      status: { loadBalancer: { ingress: [{ ip: 'localhost' }] } },
    }),
    want: true,
  },
  {
    origin: 'healthy_test.go :: Test_interpretServiceHealth :: not loadBalancer type',
    object: obj('v1', 'Service', {
      spec: { type: 'NodePort' },
      status: { loadBalancer: { ingress: [{ ip: 'localhost' }] } },
    }),
    want: true,
  },
  {
    origin: 'healthy_test.go :: Test_interpretServiceHealth :: status.loadBalancer.ingress list is empty',
    object: obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [] } } }),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretIngressHealth :: ingress healthy',
    object: obj('networking.k8s.io/v1', 'Ingress', { status: { loadBalancer: { ingress: [{ ip: 'localhost' }] } } }),
    want: true,
  },
  {
    origin: 'healthy_test.go :: Test_interpretIngressHealth :: status.loadBalancer.ingress list is empty',
    object: obj('networking.k8s.io/v1', 'Ingress', { status: { loadBalancer: { ingress: [] } } }),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretPersistentVolumeClaimHealth :: persistentVolumeClaim healthy',
    object: obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Bound' } }),
    want: true,
  },
  {
    origin: 'healthy_test.go :: Test_interpretPersistentVolumeClaimHealth :: status.phase not equals to Bound',
    object: obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Pending' } }),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretPodHealth :: service type pod healthy',
    object: obj(
      'v1',
      'Pod',
      { status: { conditions: [{ type: 'Ready', status: 'True' }], phase: 'Running' } },
      { name: 'fake-pod' },
    ),
    want: true,
  },
  {
    origin: 'healthy_test.go :: Test_interpretPodHealth :: job type pod healthy',
    object: obj('v1', 'Pod', { status: { phase: 'Succeeded' } }, { name: 'fake-pod' }),
    want: true,
  },
  {
    origin: 'healthy_test.go :: Test_interpretPodHealth :: pod condition ready false',
    object: obj(
      'v1',
      'Pod',
      { status: { conditions: [{ type: 'Ready', status: 'Unknown' }], phase: 'Running' } },
      { name: 'fake-pod' },
    ),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretPodHealth :: pod phase not running and not succeeded',
    object: obj('v1', 'Pod', { status: { phase: 'Failed' } }, { name: 'fake-pod' }),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretPodHealth :: condition or phase nil',
    object: obj('v1', 'Pod', {}, { name: 'fake-pod' }),
    want: false,
  },
  {
    origin: 'healthy_test.go :: Test_interpretPodDisruptionBudgetHealth :: podDisruptionBudget healthy',
    object: obj('policy/v1', 'PodDisruptionBudget', { status: { desiredHealthy: 2, currentHealthy: 3 } }),
    want: true,
  },
  {
    origin:
      'healthy_test.go :: Test_interpretPodDisruptionBudgetHealth :: podDisruptionBudget healthy when desired healthy equals to current healthy pods',
    object: obj('policy/v1', 'PodDisruptionBudget', { status: { desiredHealthy: 2, currentHealthy: 2 } }),
    want: true,
  },
  {
    origin:
      'healthy_test.go :: Test_interpretPodDisruptionBudgetHealth :: podDisruptionBudget does not allow further disruption when number of healthy pods is less than desired',
    object: obj('policy/v1', 'PodDisruptionBudget', { status: { desiredHealthy: 2, currentHealthy: 1 } }),
    want: false,
  },
  {
    origin: 'default_test.go :: TestInterpretHealth :: deployment healthy',
    object: rollout('Deployment', 'fake-deployment', {
      availableReplicas: 3,
      updatedReplicas: 3,
      observedGeneration: 1,
    }),
    want: true,
  },
  {
    // A policy/v1 Deployment has no native handler: Karmada errors, and without a hook its caller
    // counts the object as healthy (flotilla's default for kinds without a handler).
    origin: 'default_test.go :: TestInterpretHealth :: cannot get health state for given kind and apiversion',
    object: obj(
      'policy/v1',
      'Deployment',
      { spec: { replicas: 3 }, status: { availableReplicas: 0, updatedReplicas: 3, observedGeneration: 2 } },
      { name: 'fake-deployment', generation: 1 },
    ),
    want: true,
  },
];

describe('Karmada native/healthy_test.go: InterpretHealth', () => {
  for (const c of cases) it(c.origin, () => assert.equal(native.interpretHealth(c.object), c.want));

  it('healthy_test.go :: Test_getAllDefaultHealthInterpreter: the nine kinds with a health check', () => {
    // An empty object of each kind: only kinds with a check can answer false.
    const kinds = [
      ['apps/v1', 'Deployment'],
      ['apps/v1', 'StatefulSet'],
      ['apps/v1', 'ReplicaSet'],
      ['apps/v1', 'DaemonSet'],
      ['v1', 'Service'],
      ['networking.k8s.io/v1', 'Ingress'],
      ['v1', 'PersistentVolumeClaim'],
      ['v1', 'Pod'],
      ['policy/v1', 'PodDisruptionBudget'],
      ['batch/v1', 'Job'],
      ['v1', 'ConfigMap'],
    ] as const;
    const unhealthy = (kind: string): JsonObject =>
      kind === 'Service'
        ? { spec: { type: 'LoadBalancer' } }
        : kind === 'PodDisruptionBudget'
          ? { status: { desiredHealthy: 1 } }
          : { spec: { replicas: 1 }, status: { desiredNumberScheduled: 1 } };
    assert.deepEqual(
      kinds.map(([apiVersion, kind]) =>
        native.interpretHealth(obj(apiVersion, kind, unhealthy(kind), { generation: 1 })),
      ),
      [false, false, false, false, false, false, false, false, false, true, true],
    );
  });
});
