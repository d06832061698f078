import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { countUnschedulable } from './unschedulable-pods.ts';

const now = Date.parse('2026-12-07T16:10:00Z');
const rs = (name: string, deployment: string): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'shop',
      ownerReferences: [{ kind: 'Deployment', name: deployment, controller: true }],
    },
  }) as KubeObject;
const pod = (
  name: string,
  owner: string,
  phase: string,
  cond?: { status: string; reason?: string; lastTransitionTime?: string },
): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: owner, controller: true }] },
    status: { phase, conditions: cond ? [{ type: 'PodScheduled', ...cond }] : [] },
  }) as KubeObject;
const old = '2026-12-07T16:00:00Z';

describe('cluster/countUnschedulable (Karmada estimator GetUnschedulableReplicas)', () => {
  const cases: [string, KubeObject[], Record<string, number>][] = [
    [
      'Pending, PodScheduled=False Unschedulable longer than the threshold counts for its Deployment',
      [
        pod('a', 'web-1', 'Pending', { status: 'False', reason: 'Unschedulable', lastTransitionTime: old }),
        pod('b', 'web-1', 'Pending', { status: 'False', reason: 'Unschedulable', lastTransitionTime: old }),
      ],
      { 'shop/web': 2 },
    ],
    [
      'unschedulable for less than the threshold does not count yet',
      [
        pod('a', 'web-1', 'Pending', {
          status: 'False',
          reason: 'Unschedulable',
          lastTransitionTime: '2026-12-07T16:09:30Z',
        }),
      ],
      {},
    ],
    ['a scheduled pod does not count', [pod('a', 'web-1', 'Running', { status: 'True' })], {}],
    [
      'Pending for another reason (pulling images) does not count',
      [pod('a', 'web-1', 'Pending', { status: 'True' })],
      {},
    ],
    [
      'a pod of another ReplicaSet counts for that Deployment; an orphan for none',
      [
        pod('a', 'api-1', 'Pending', { status: 'False', reason: 'Unschedulable', lastTransitionTime: old }),
        pod('b', 'nobody', 'Pending', { status: 'False', reason: 'Unschedulable', lastTransitionTime: old }),
      ],
      { 'shop/api': 1 },
    ],
  ];
  for (const [name, pods, want] of cases) {
    it(name, () =>
      assert.deepEqual(
        Object.fromEntries(countUnschedulable(pods, [rs('web-1', 'web'), rs('api-1', 'api')], now, 300)),
        want,
      ),
    );
  }
});
