import assert from 'node:assert/strict';
import { clustersAfterSchedule } from './scheduled-clusters.ts';
import type { ScheduleResult, UnschedulableReason } from './types.ts';

const failed = (reason: UnschedulableReason): ScheduleResult => ({
  kind: 'Unschedulable',
  reason,
  message: 'm',
  explanation: { attempts: [] },
});
const previous = [{ name: 'member1', replicas: 2 }];

describe('clustersAfterSchedule (Karmada scheduler.go: patch on success, cleanup on FitError)', () => {
  const cases: { name: string; result: ScheduleResult; want: unknown }[] = [
    {
      name: 'scheduled: the new placement',
      result: { kind: 'Scheduled', clusters: [{ name: 'member2', replicas: 2 }], explanation: { attempts: [] } },
      want: [{ name: 'member2', replicas: 2 }],
    },
    { name: 'NoClusterFit: no clusters (the FitError cleanup)', result: failed('NoClusterFit'), want: [] },
    { name: 'Unschedulable: the clusters it had', result: failed('Unschedulable'), want: previous },
    { name: 'SchedulerError: the clusters it had', result: failed('SchedulerError'), want: previous },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(clustersAfterSchedule(c.result, previous), c.want));
  it('no previous placement: no clusters', () =>
    assert.deepEqual(clustersAfterSchedule(failed('Unschedulable'), undefined), []));
});
