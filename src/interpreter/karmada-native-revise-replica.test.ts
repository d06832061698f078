/**
 * Karmada's native ReviseReplica tests, ported case by case
 * (pkg/resourceinterpreter/default/native/revisereplica_test.go, default_test.go TestReviseReplica).
 * Skipped: the four "... accessor error, expected int64" cases, which test Go's unstructured
 * accessors rejecting an `int` where JSON decoding always yields int64 (Go plumbing).
 */
import assert from 'node:assert/strict';
import { native, obj } from './karmada-native.test-support.ts';

describe('Karmada native/revisereplica_test.go: ReviseReplica', () => {
  const cases: readonly { origin: string; kind: readonly [string, string]; name: string; field: string }[] = [
    {
      origin: 'revisereplica_test.go :: TestReviseDeploymentReplica :: revise deployment replica',
      kind: ['apps/v1', 'Deployment'],
      name: 'fake-deployment',
      field: 'replicas',
    },
    {
      origin: 'revisereplica_test.go :: TestReviseReplicaSetReplica :: revise replicaset replica',
      kind: ['apps/v1', 'ReplicaSet'],
      name: 'fake-replicaset',
      field: 'replicas',
    },
    {
      origin: 'revisereplica_test.go :: TestReviseJobReplica :: revise job parallelism',
      kind: ['batch/v1', 'Job'],
      name: 'fake-job',
      field: 'parallelism',
    },
    {
      origin: 'revisereplica_test.go :: TestReviseStatefulSetReplica :: revise statefulset replica',
      kind: ['apps/v1', 'StatefulSet'],
      name: 'fake-statefulset',
      field: 'replicas',
    },
    {
      origin: 'default_test.go :: TestReviseReplica :: revise deployment replica',
      kind: ['apps/v1', 'Deployment'],
      name: 'fake-deployment',
      field: 'replicas',
    },
  ];
  for (const c of cases) {
    it(c.origin, () => {
      const [apiVersion, kind] = c.kind;
      const input = obj(apiVersion, kind, { spec: { [c.field]: 1 } }, { name: c.name });
      assert.deepEqual(
        native.reviseReplica(input, 3),
        obj(apiVersion, kind, { spec: { [c.field]: 3 } }, { name: c.name }),
      );
    });
  }

  it('default_test.go :: TestReviseReplica :: cannot revise deployment replica of given kind and apiversion', () => {
    // An apps/v1 Job has no native handler: Karmada errors and its caller keeps the object as it is.
    const input = obj('apps/v1', 'Job', { spec: { replicas: 1 } }, { name: 'fake-deployment' });
    assert.deepEqual(native.reviseReplica(input, 3), input);
  });

  it('revisereplica_test.go :: TestGetAllDefaultReviseReplicaInterpreter: Deployment, ReplicaSet, StatefulSet, Job', () => {
    const revised = (apiVersion: string, kind: string): unknown =>
      (
        native.reviseReplica(obj(apiVersion, kind, { spec: { replicas: 1, parallelism: 1 } }), 3) as unknown as {
          spec: unknown;
        }
      ).spec;
    assert.deepEqual(
      [
        revised('apps/v1', 'Deployment'),
        revised('apps/v1', 'ReplicaSet'),
        revised('apps/v1', 'StatefulSet'),
        revised('batch/v1', 'Job'),
        revised('v1', 'Pod'),
        revised('apps/v1', 'DaemonSet'),
      ],
      [
        { replicas: 3, parallelism: 1 },
        { replicas: 3, parallelism: 1 },
        { replicas: 3, parallelism: 1 },
        { replicas: 1, parallelism: 3 },
        { replicas: 1, parallelism: 1 },
        { replicas: 1, parallelism: 1 },
      ],
    );
  });
});
