import assert from 'node:assert/strict';
import type { Placement } from '../api/index.ts';
import { scheduleTrigger, type TriggerInput } from './schedule-trigger.ts';

const divided: Placement = {
  clusterAffinity: { clusterNames: ['m1', 'm2', 'm3'] },
  replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' },
};
const base: TriggerInput = {
  placement: divided,
  applied: divided,
  previous: [
    { name: 'm1', replicas: 3 },
    { name: 'm3', replicas: 3 },
  ],
  replicas: 6,
  isWorkload: true,
  clusterExists: (n) => ['m1', 'm2', 'm3'].includes(n),
};

describe('plan/scheduleTrigger (Karmada doScheduleBinding)', () => {
  const cases: { name: string; input: Partial<TriggerInput>; want: 'schedule' | 'keep' }[] = [
    { name: 'unchanged Divided workload keeps its clusters', input: {}, want: 'keep' },
    {
      name: 'same placement written in another key order still keeps',
      input: {
        applied: {
          replicaScheduling: { replicaDivisionPreference: 'Weighted', replicaSchedulingType: 'Divided' },
          clusterAffinity: { clusterNames: ['m1', 'm2', 'm3'] },
        },
      },
      want: 'keep',
    },
    { name: 'no applied placement recorded: schedule', input: { applied: undefined }, want: 'schedule' },
    { name: 'no previous schedule: schedule', input: { previous: undefined }, want: 'schedule' },
    {
      name: 'placement changed: schedule',
      input: { applied: { ...divided, clusterAffinity: { clusterNames: ['m1'] } } },
      want: 'schedule',
    },
    { name: 'scaled up: schedule', input: { replicas: 8 }, want: 'schedule' },
    {
      name: 'a cluster evicted (replicas no longer add up): schedule',
      input: { previous: [{ name: 'm1', replicas: 3 }] },
      want: 'schedule',
    },
    {
      name: 'a scheduled cluster left the inventory: schedule',
      input: { clusterExists: (n) => n !== 'm3' },
      want: 'schedule',
    },
    {
      name: 'Duplicated is always scheduled',
      input: {
        placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
        applied: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
      },
      want: 'schedule',
    },
    {
      name: 'a non-workload is always scheduled',
      input: { isWorkload: false, replicas: 0, previous: [{ name: 'm1' }] },
      want: 'schedule',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = scheduleTrigger({ ...base, ...c.input });
      assert.equal(v.kind, c.want);
      if (v.kind === 'keep') assert.deepEqual(v.clusters, base.previous);
    });
  }
});
