/**
 * Karmada's native ReflectStatus tests, ported case by case
 * (pkg/resourceinterpreter/default/native/reflectstatus_test.go, default_test.go TestReflectStatus).
 * Results are compared as JSON text, so the field order of Go's typed status structs is pinned too.
 * Skipped, as error paths the interpreter has no result for (Karmada reflects nothing and logs):
 * every "invalid status format" / "invalid status" / "invalid status type" / "invalid status
 * field" case. The "invalid generation annotation", "without generation annotation" and
 * "statefulset with no annotations" cases, where Karmada fails to parse the
 * resourcetemplate.karmada.io/generation annotation, are a deliberate difference (see
 * native-reflect.ts): flotilla's rendered manifests do not carry that annotation, so a missing or
 * unreadable one reads as 0 and the field is left out; they are tested as such at the end.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { native, obj } from './karmada-native.test-support.ts';

const generationMeta = (name: string): JsonObject => ({
  name,
  namespace: 'test-ns',
  generation: 2,
  annotations: { 'resourcetemplate.karmada.io/generation': '1' },
});
const time = '2024-05-01T10:00:00Z';
const jobStatus: JsonObject = {
  conditions: [{ type: 'Complete', status: 'True', reason: 'JobComplete', message: 'Job completed successfully' }],
  startTime: time,
  completionTime: time,
  active: 1,
  succeeded: 2,
};
const job = (status: JsonObject): ReturnType<typeof obj> => obj('batch/v1', 'Job', { status });
const without = (o: JsonObject, ...keys: string[]): JsonObject =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

const cases: readonly { origin: string; object: ReturnType<typeof obj>; want: JsonObject | null }[] = [
  {
    origin: 'reflectstatus_test.go :: Test_reflectPodDisruptionBudgetStatus :: PDB with valid status',
    object: obj(
      'policy/v1',
      'PodDisruptionBudget',
      {
        status: {
          disruptedPods: { pod1: time },
          disruptionsAllowed: 1,
          currentHealthy: 2,
          desiredHealthy: 3,
          expectedPods: 3,
        },
      },
      { name: 'test-pdb', namespace: 'test-ns' },
    ),
    want: {
      disruptedPods: { pod1: time },
      disruptionsAllowed: 1,
      currentHealthy: 2,
      desiredHealthy: 3,
      expectedPods: 3,
    },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectPodDisruptionBudgetStatus :: PDB without status',
    object: obj('policy/v1', 'PodDisruptionBudget', {}, { name: 'test-pdb', namespace: 'test-ns' }),
    want: null,
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectHorizontalPodAutoscalerStatus :: HPA with valid status',
    object: obj(
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
      { status: { currentReplicas: 2, desiredReplicas: 3 } },
      { name: 'test-hpa', namespace: 'test-ns' },
    ),
    want: { currentReplicas: 2, desiredReplicas: 3 },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectHorizontalPodAutoscalerStatus :: HPA without status',
    object: obj('autoscaling/v2', 'HorizontalPodAutoscaler', {}, { name: 'test-hpa', namespace: 'test-ns' }),
    want: null,
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectWholeStatus :: object with valid status',
    object: obj('example.io/v1', 'Thing', { status: { key: 'value', num: 1 } }),
    want: { key: 'value', num: 1 },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectWholeStatus :: object without status',
    object: obj('example.io/v1', 'Thing'),
    want: null,
  },
  {
    origin:
      'reflectstatus_test.go :: Test_reflectDeploymentStatus :: deployment with valid status and generation annotation',
    object: obj(
      'apps/v1',
      'Deployment',
      {
        status: {
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 3,
          readyReplicas: 3,
          availableReplicas: 3,
          unavailableReplicas: 0,
        },
      },
      generationMeta('test-deployment'),
    ),
    want: {
      generation: 2,
      resourceTemplateGeneration: 1,
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectDeploymentStatus :: deployment without status field',
    object: obj('apps/v1', 'Deployment', {}, generationMeta('test-deployment')),
    want: null,
  },
  {
    origin:
      'reflectstatus_test.go :: Test_reflectReplicaSetStatus :: replicaset with valid status and generation annotation',
    object: obj(
      'apps/v1',
      'ReplicaSet',
      { status: { replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 2 } },
      generationMeta('test-replicaset'),
    ),
    want: {
      generation: 2,
      resourceTemplateGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 2,
    },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectReplicaSetStatus :: replicaset without status field',
    object: obj('apps/v1', 'ReplicaSet', {}, generationMeta('test-replicaset')),
    want: null,
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectServiceStatus :: non-LoadBalancer service should return nil',
    object: obj('v1', 'Service', { spec: { type: 'ClusterIP' } }),
    want: null,
  },
  {
    origin:
      'reflectstatus_test.go :: Test_reflectServiceStatus :: LoadBalancer service without status should return nil',
    object: obj('v1', 'Service', { spec: { type: 'LoadBalancer' } }),
    want: null,
  },
  {
    origin:
      'reflectstatus_test.go :: Test_reflectServiceStatus :: LoadBalancer service with status should return status',
    object: obj('v1', 'Service', {
      spec: { type: 'LoadBalancer' },
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
    }),
    want: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectIngressStatus :: ingress with valid status',
    object: obj('networking.k8s.io/v1', 'Ingress', {
      spec: {},
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
    }),
    want: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectIngressStatus :: ingress without status',
    object: obj('networking.k8s.io/v1', 'Ingress'),
    want: null,
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectJobStatus :: job with all status fields',
    object: job({ ...jobStatus, failed: 0 }),
    want: jobStatus,
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectJobStatus :: job without status',
    object: obj('batch/v1', 'Job'),
    want: null,
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectJobStatus :: job with empty conditions',
    object: job({ ...jobStatus, conditions: [] }),
    want: without(jobStatus, 'conditions'),
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectJobStatus :: job with failed status',
    object: job({
      ...jobStatus,
      conditions: [{ type: 'Failed', status: 'True', reason: 'JobFailed', message: 'Job failed due to error' }],
      active: 0,
      succeeded: 0,
      failed: 1,
    }),
    want: {
      conditions: [{ type: 'Failed', status: 'True', reason: 'JobFailed', message: 'Job failed due to error' }],
      startTime: time,
      completionTime: time,
      failed: 1,
    },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectJobStatus :: job with only active status',
    object: job({ ...without(jobStatus, 'completionTime'), conditions: [], succeeded: 0, active: 1 }),
    want: { startTime: time, active: 1 },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectJobStatus :: job with nil completion time',
    object: job(without(jobStatus, 'completionTime')),
    want: without(jobStatus, 'completionTime'),
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectJobStatus :: job with nil start time',
    object: job(without(jobStatus, 'startTime')),
    want: without(jobStatus, 'startTime'),
  },
  {
    origin:
      'reflectstatus_test.go :: Test_reflectDaemonSetStatus :: daemonset with valid status and generation annotation',
    object: obj(
      'apps/v1',
      'DaemonSet',
      {
        status: {
          currentNumberScheduled: 3,
          desiredNumberScheduled: 3,
          numberAvailable: 3,
          numberMisscheduled: 0,
          numberReady: 3,
          updatedNumberScheduled: 3,
          numberUnavailable: 0,
          observedGeneration: 2,
        },
      },
      generationMeta('test-daemonset'),
    ),
    want: {
      generation: 2,
      resourceTemplateGeneration: 1,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 2,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectDaemonSetStatus :: daemonset without status field',
    object: obj('apps/v1', 'DaemonSet', {}, { ...generationMeta('test-daemonset'), generation: 1 }),
    want: null,
  },
  {
    origin:
      'reflectstatus_test.go :: Test_reflectStatefulSetStatus :: statefulset with valid status and generation annotation',
    object: obj(
      'apps/v1',
      'StatefulSet',
      { status: { replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3 } },
      generationMeta('test-statefulset'),
    ),
    want: {
      generation: 2,
      resourceTemplateGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectStatefulSetStatus :: statefulset without status field',
    object: obj('apps/v1', 'StatefulSet', {}, { ...generationMeta('test-statefulset'), generation: 1 }),
    want: null,
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectStatefulSetStatus :: statefulset with partial status fields',
    object: obj(
      'apps/v1',
      'StatefulSet',
      { status: { replicas: 2, readyReplicas: 1, currentReplicas: 1 } },
      generationMeta('test-statefulset'),
    ),
    want: {
      generation: 2,
      resourceTemplateGeneration: 1,
      replicas: 2,
      readyReplicas: 1,
      currentReplicas: 1,
      availableReplicas: 0,
    },
  },
  {
    origin: 'default_test.go :: TestReflectStatus :: object have correct format status',
    object: obj('policy/v1', 'PodDisruptionBudget', {
      status: { currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 1 },
    }),
    want: { disruptionsAllowed: 1, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
  },
  {
    origin: 'default_test.go :: TestReflectStatus :: missing build-in handler',
    object: obj('', '', { status: { key: 'value' } }),
    want: { key: 'value' },
  },
];

/** Karmada's error cases on the generation annotation: flotilla reflects without resourceTemplateGeneration. */
const annotationCases: readonly { origin: string; object: ReturnType<typeof obj>; want: JsonObject }[] = [
  ...(['Deployment', 'ReplicaSet'] as const).flatMap((kind) => {
    const noun = kind.toLowerCase();
    const status = { replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 2 };
    const meta = generationMeta(`test-${noun}`);
    const want =
      kind === 'Deployment'
        ? { generation: 2, observedGeneration: 2, replicas: 3, readyReplicas: 3, availableReplicas: 3 }
        : { generation: 2, replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 2 };
    return [
      {
        origin: `reflectstatus_test.go :: Test_reflect${kind}Status :: ${noun} with invalid generation annotation`,
        object: obj(
          'apps/v1',
          kind,
          { status },
          { ...meta, annotations: { 'resourcetemplate.karmada.io/generation': 'invalid' } },
        ),
        want,
      },
      {
        origin: `reflectstatus_test.go :: Test_reflect${kind}Status :: ${noun} without generation annotation`,
        object: obj('apps/v1', kind, { status }, without(meta, 'annotations')),
        want,
      },
    ];
  }),
  {
    origin: 'reflectstatus_test.go :: Test_reflectDaemonSetStatus :: daemonset with invalid generation annotation',
    object: obj(
      'apps/v1',
      'DaemonSet',
      { status: { currentNumberScheduled: 1, numberReady: 1 } },
      {
        ...generationMeta('test-daemonset'),
        generation: 1,
        annotations: { 'resourcetemplate.karmada.io/generation': 'invalid' },
      },
    ),
    want: {
      generation: 1,
      currentNumberScheduled: 1,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 1,
    },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectDaemonSetStatus :: daemonset without generation annotation',
    object: obj(
      'apps/v1',
      'DaemonSet',
      { status: { currentNumberScheduled: 1 } },
      { name: 'test-daemonset', namespace: 'test-ns' },
    ),
    want: { currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
  },
  {
    origin: 'reflectstatus_test.go :: Test_reflectStatefulSetStatus :: statefulset with no annotations',
    object: obj(
      'apps/v1',
      'StatefulSet',
      { status: { replicas: 1, readyReplicas: 1, currentReplicas: 1 } },
      { name: 'test-statefulset', namespace: 'test-ns' },
    ),
    want: { replicas: 1, readyReplicas: 1, currentReplicas: 1, availableReplicas: 0 },
  },
];

describe('Karmada native/reflectstatus_test.go: ReflectStatus', () => {
  describe('flotilla differs: a missing or unreadable generation annotation reads as 0', () => {
    for (const c of annotationCases)
      it(c.origin, () => assert.equal(JSON.stringify(native.reflectStatus(c.object)), JSON.stringify(c.want)));
  });

  for (const c of cases)
    it(c.origin, () => assert.equal(JSON.stringify(native.reflectStatus(c.object)), JSON.stringify(c.want)));

  describe('reflectstatus_test.go :: Test_getAllDefaultReflectStatusInterpreter', () => {
    // A status field no handler keeps: kinds with a handler drop it, the rest reflect it whole.
    const status = { extra: 'x', replicas: 1, loadBalancer: {} };
    const kinds: readonly [string, string, string, boolean][] = [
      ['Deployment interpreter exists', 'apps/v1', 'Deployment', true],
      ['ReplicaSet interpreter exists', 'apps/v1', 'ReplicaSet', true],
      ['Service interpreter exists', 'v1', 'Service', true],
      ['Ingress interpreter exists', 'networking.k8s.io/v1', 'Ingress', false],
      ['Job interpreter exists', 'batch/v1', 'Job', true],
      ['DaemonSet interpreter exists', 'apps/v1', 'DaemonSet', true],
      ['StatefulSet interpreter exists', 'apps/v1', 'StatefulSet', true],
      ['PodDisruptionBudget interpreter exists', 'policy/v1', 'PodDisruptionBudget', true],
      ['HorizontalPodAutoscaler interpreter exists', 'autoscaling/v2', 'HorizontalPodAutoscaler', true],
      ['Non-existent resource should not have interpreter', 'v1', 'NonExistentResource', false],
    ];
    // Karmada's Ingress handler reflects the whole status, as kinds without a handler do.
    for (const [name, apiVersion, kind, narrowed] of kinds)
      it(name, () =>
        assert.equal(
          native.reflectStatus(obj(apiVersion, kind, { spec: { type: 'LoadBalancer' }, status }))?.['extra'] ===
            undefined,
          narrowed,
        ),
      );
  });
});
