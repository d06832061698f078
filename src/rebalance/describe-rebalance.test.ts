import assert from 'node:assert/strict';
import type { ResourceKey } from '../api/index.ts';
import { describeDescheduling, describeRebalancing } from './describe-rebalance.ts';

describe('rebalance/describeRebalancing (the status commit of a rebalance)', () => {
  it('one description per rebalancer, before → after, and the clusters kept until ready', () => {
    const d = describeRebalancing([
      {
        key: 'apps/v1|Deployment|shop|web' as ResourceKey,
        rebalancedBy: 'failback',
        before: [{ name: 'm1', replicas: 4 }],
        after: [
          { name: 'm2', replicas: 2 },
          { name: 'm3', replicas: 2 },
        ],
        keptUntilReady: ['m1'],
      },
      {
        key: 'apps/v1|Deployment|shop|api' as ResourceKey,
        rebalancedBy: 'failback',
        before: undefined,
        after: [{ name: 'm2', replicas: 1 }],
        keptUntilReady: [],
      },
    ]);
    assert.deepEqual(d, [
      {
        subject: 'flotilla: rebalance 2 workloads (WorkloadRebalancer failback)',
        body: [
          'Deployment shop/api: none → m2:1',
          'Deployment shop/web: m1:4 → m2:2 m3:2 (m1 kept until the new replicas are ready)',
        ],
        trailer: 'rebalance',
      },
    ]);
  });
  it('nothing rebalanced: no description', () => assert.deepEqual(describeRebalancing([]), []));
});

describe('rebalance/describeDescheduling (the status commit of the descheduler)', () => {
  it('counts the replicas taken off and names each cluster', () => {
    assert.deepEqual(
      describeDescheduling(
        [{ key: 'apps/v1|Deployment|shop|web' as ResourceKey, reduced: [{ cluster: 'm2', from: 4, to: 1 }] }],
        300,
      ),
      [
        {
          subject: 'flotilla: deschedule 3 replicas of 1 workload',
          body: ['Deployment shop/web: m2 4 → 1 (3 unschedulable for over 300s)'],
          trailer: 'deschedule',
        },
      ],
    );
  });
  it('no decision: no description', () => assert.deepEqual(describeDescheduling([], 300), []));
});
