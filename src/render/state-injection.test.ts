import assert from 'node:assert/strict';
import type { GracefulEvictionTask } from '../api/index.ts';
import { reservedLabelState } from './state-injection.ts';

const task = (over: Partial<GracefulEvictionTask> = {}): GracefulEvictionTask => ({
  fromCluster: 'm1',
  purgeMode: 'Directly',
  reason: 'x',
  producer: 'p',
  preservedLabelState: { ck: '7' },
  ...over,
});

// Karmada pkg/controllers/binding/common.go injectReservedLabelState (and common_test.go's cases).
describe('render/reservedLabelState', () => {
  const cases: {
    name: string;
    scheduled: string[];
    tasks: GracefulEvictionTask[] | undefined;
    target: string;
    want: Record<string, string> | undefined;
  }[] = [
    {
      name: 'moved to one cluster with a Directly task: injected',
      scheduled: ['m2'],
      tasks: [task()],
      target: 'm2',
      want: { ck: '7' },
    },
    {
      name: 'more than one cluster: not injected',
      scheduled: ['m2', 'm3'],
      tasks: [task()],
      target: 'm2',
      want: undefined,
    },
    { name: 'no task: not injected', scheduled: ['m2'], tasks: undefined, target: 'm2', want: undefined },
    {
      name: 'the last task is Gracefully: not injected',
      scheduled: ['m2'],
      tasks: [task(), task({ fromCluster: 'm3', purgeMode: 'Gracefully' })],
      target: 'm2',
      want: undefined,
    },
    {
      name: 'the last task wins',
      scheduled: ['m2'],
      tasks: [
        task({ preservedLabelState: { ck: '1' } }),
        task({ fromCluster: 'm3', preservedLabelState: { ck: '2' } }),
      ],
      target: 'm2',
      want: { ck: '2' },
    },
    {
      name: 'a cluster the workload ran on before the failover: not injected',
      scheduled: ['m2'],
      tasks: [task({ clustersBeforeFailover: ['m2'] })],
      target: 'm2',
      want: undefined,
    },
    {
      name: 'an empty state: not injected',
      scheduled: ['m2'],
      tasks: [task({ preservedLabelState: {} })],
      target: 'm2',
      want: undefined,
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        reservedLabelState(
          c.scheduled.map((name) => ({ name, replicas: 1 })),
          c.tasks,
          c.target,
        ),
        c.want,
      ),
    );
});
