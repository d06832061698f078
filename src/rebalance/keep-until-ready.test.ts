import assert from 'node:assert/strict';
import type { GracefulEvictionTask, TargetCluster } from '../api/index.ts';
import { keepRemovedClusters } from './keep-until-ready.ts';

const why = { producer: 'WorkloadRebalancer', message: 'm', now: '2026-12-07T16:00:00Z' };
const task = (fromCluster: string, replicas: number): GracefulEvictionTask => ({
  fromCluster,
  purgeMode: 'Gracefully',
  replicas,
  reason: 'WorkloadRebalance',
  message: 'm',
  producer: 'WorkloadRebalancer',
  creationTimestamp: why.now,
});

describe("rebalance/keepRemovedClusters (never to zero: failover's graceful-eviction guard)", () => {
  const cases: {
    name: string;
    before: TargetCluster[] | undefined;
    after: TargetCluster[];
    existing?: GracefulEvictionTask[];
    want: GracefulEvictionTask[] | undefined;
  }[] = [
    {
      name: 'a cluster that leaves the schedule keeps its replicas as a Gracefully task',
      before: [{ name: 'm2', replicas: 6 }],
      after: [
        { name: 'm1', replicas: 3 },
        { name: 'm3', replicas: 3 },
      ],
      want: [task('m2', 6)],
    },
    {
      name: 'a cluster that stays (even with fewer replicas) gets no task',
      before: [{ name: 'm1', replicas: 6 }],
      after: [
        { name: 'm1', replicas: 3 },
        { name: 'm2', replicas: 3 },
      ],
      want: undefined,
    },
    {
      name: 'an existing task for the cluster is not duplicated',
      before: [{ name: 'm2', replicas: 6 }],
      after: [{ name: 'm1', replicas: 6 }],
      existing: [task('m2', 4)],
      want: [task('m2', 4)],
    },
    {
      name: 'no previous schedule: nothing to keep',
      before: undefined,
      after: [{ name: 'm1', replicas: 6 }],
      want: undefined,
    },
    {
      name: 'tasks are sorted by cluster',
      before: [
        { name: 'm3', replicas: 1 },
        { name: 'm2', replicas: 1 },
      ],
      after: [{ name: 'm1', replicas: 2 }],
      existing: [task('m4', 1)],
      want: [task('m2', 1), task('m3', 1), task('m4', 1)],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(keepRemovedClusters(c.before, c.after, c.existing, why), c.want);
    });
  }
});
