/**
 * Karmada's native GetReplicas tests, ported case by case
 * (pkg/resourceinterpreter/default/native/replica_test.go, default_test.go TestGetReplicas).
 * Skipped: none. The Go tests build typed objects; here they are the same objects as JSON.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { native, obj } from './karmada-native.test-support.ts';

/** The pod spec every replica_test.go case uses: a node selector, a toleration, a required affinity. */
const claimedPodSpec: JsonObject = {
  nodeSelector: { foo: 'foo1' },
  tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'foo', operator: 'Exists' }] }],
      },
    },
  },
};
const wantClaim = {
  nodeClaim: {
    hardNodeAffinity: { nodeSelectorTerms: [{ matchFields: [{ key: 'foo', operator: 'Exists' }] }] },
    nodeSelector: { foo: 'foo1' },
    tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
  },
};

describe('Karmada native/replica_test.go: GetReplicas', () => {
  const cases: readonly { origin: string; object: ReturnType<typeof obj>; want: unknown }[] = [
    {
      origin: 'replica_test.go :: Test_deployReplica',
      object: obj('apps/v1', 'Deployment', { spec: { replicas: 2, template: { spec: claimedPodSpec } } }),
      want: { replicas: 2, requirements: wantClaim },
    },
    {
      origin: 'replica_test.go :: Test_statefulSetReplica',
      object: obj('apps/v1', 'StatefulSet', { spec: { replicas: 2, template: { spec: claimedPodSpec } } }),
      want: { replicas: 2, requirements: wantClaim },
    },
    {
      origin: 'replica_test.go :: Test_replicaSetReplica',
      object: obj('apps/v1', 'ReplicaSet', { spec: { replicas: 3, template: { spec: claimedPodSpec } } }),
      want: { replicas: 3, requirements: wantClaim },
    },
    {
      origin: 'replica_test.go :: Test_jobReplica (parallelism 3 capped by completions 2)',
      object: obj('batch/v1', 'Job', { spec: { parallelism: 3, completions: 2, template: { spec: claimedPodSpec } } }),
      want: { replicas: 2, requirements: wantClaim },
    },
    {
      origin: 'replica_test.go :: Test_podReplica',
      object: obj('v1', 'Pod', { spec: claimedPodSpec }),
      want: { replicas: 1, requirements: wantClaim },
    },
    {
      origin: 'default_test.go :: TestGetReplicas :: desired replica exists',
      object: obj(
        'apps/v1',
        'Deployment',
        {
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: 'my-app' } },
            template: { metadata: { labels: { app: 'my-app' } }, spec: claimedPodSpec },
          },
        },
        { name: 'fake-deployment', namespace: 'default', labels: { app: 'my-app' } },
      ),
      want: { replicas: 2, requirements: wantClaim },
    },
    {
      // Karmada's native interpreter has no handler (an error); its caller then reports no replicas.
      origin: 'default_test.go :: TestGetReplicas :: cannot get desired replica of given kind and apiversion',
      object: obj('apps/v1', 'Pod', {}, { name: 'fake-pod', namespace: 'default', labels: { app: 'my-app' } }),
      want: { replicas: 0 },
    },
  ];
  for (const c of cases) it(c.origin, () => assert.deepEqual(native.getReplicas(c.object), c.want));

  it('replica_test.go :: Test_getAllDefaultReplicaInterpreter: Deployment, ReplicaSet, StatefulSet, Job, Pod', () => {
    const kinds = [
      ['apps/v1', 'Deployment', true],
      ['apps/v1', 'ReplicaSet', true],
      ['apps/v1', 'StatefulSet', true],
      ['batch/v1', 'Job', true],
      ['v1', 'Pod', true],
      ['apps/v1', 'DaemonSet', false],
      ['batch/v1', 'CronJob', false],
    ] as const;
    assert.deepEqual(
      kinds.map(([apiVersion, kind]) => native.hasReplicas(apiVersion, kind)),
      kinds.map(([, , want]) => want),
    );
  });
});
