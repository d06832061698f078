/**
 * A workload whose aggregated counters equal its current ones is returned as it is, explicit zero
 * counters included (Karmada aggregatestatus.go: aggregateDeploymentStatus, aggregateReplicaSetStatus
 * and aggregateStatefulSetStatus compare observedGeneration and each counter; aggregateDaemonSetStatus
 * compares the whole status, so conditions or a collisionCount make it rewrite the counters).
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { item, native, obj, statusOf } from './karmada-native.test-support.ts';

/** A DaemonSet status with explicit zeros, which Karmada omits when it writes the counters. */
const daemonSetStatus: JsonObject = {
  currentNumberScheduled: 2,
  numberMisscheduled: 0,
  desiredNumberScheduled: 2,
  numberReady: 2,
  numberUnavailable: 0,
};
const member = (status: JsonObject) => [item('member1', status), item('member2', status)];

describe('native AggregateStatus: an up-to-date workload is left as it is', () => {
  const cases: readonly { name: string; kind: string; status: JsonObject; member: JsonObject; want: JsonObject }[] = [
    {
      name: 'Deployment keeps explicit zero counters when nothing changed',
      kind: 'Deployment',
      status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, unavailableReplicas: 0 },
      member: { replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      want: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, unavailableReplicas: 0 },
    },
    {
      name: 'Deployment drops zero counters when a counter changed',
      kind: 'Deployment',
      status: { replicas: 2, readyReplicas: 1, updatedReplicas: 2, availableReplicas: 2, unavailableReplicas: 0 },
      member: { replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      want: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    },
    {
      name: 'ReplicaSet keeps an explicit zero readyReplicas when nothing changed',
      kind: 'ReplicaSet',
      status: { replicas: 0, readyReplicas: 0 },
      member: { replicas: 0 },
      want: { replicas: 0, readyReplicas: 0 },
    },
    {
      name: 'StatefulSet keeps an explicit zero currentReplicas when nothing changed',
      kind: 'StatefulSet',
      status: { replicas: 2, availableReplicas: 2, currentReplicas: 0 },
      member: { replicas: 1, availableReplicas: 1 },
      want: { replicas: 2, availableReplicas: 2, currentReplicas: 0 },
    },
    {
      name: 'DaemonSet with the same counters and no conditions is left as it is',
      kind: 'DaemonSet',
      status: daemonSetStatus,
      member: { currentNumberScheduled: 1, desiredNumberScheduled: 1, numberReady: 1 },
      want: daemonSetStatus,
    },
    {
      name: 'DaemonSet with conditions has its counters rewritten (Semantic.DeepEqual of the whole status)',
      kind: 'DaemonSet',
      status: { ...daemonSetStatus, conditions: [{ type: 'Custom', status: 'True' }] },
      member: { currentNumberScheduled: 1, desiredNumberScheduled: 1, numberReady: 1 },
      want: {
        currentNumberScheduled: 2,
        numberMisscheduled: 0,
        desiredNumberScheduled: 2,
        numberReady: 2,
        conditions: [{ type: 'Custom', status: 'True' }],
      },
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        statusOf(native.aggregateStatus(obj('apps/v1', c.kind, { status: c.status }), member(c.member))),
        c.want,
      ),
    );
});
