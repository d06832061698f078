import assert from 'node:assert/strict';
import type { Placement, ResourceKey } from '../api/index.ts';
import { decideDescheduling, isDeschedulable, type DeschedulableBinding } from './deschedule.ts';

const dynamic: Placement = {
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Weighted',
    weightPreference: { dynamicWeight: 'AvailableReplicas' },
  },
};
const key = 'apps/v1|Deployment|shop|web' as ResourceKey;
const binding = (over: Partial<DeschedulableBinding> = {}): DeschedulableBinding => ({
  key,
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  placement: dynamic,
  clusters: [
    { name: 'm1', replicas: 4 },
    { name: 'm2', replicas: 4 },
  ],
  ready: new Map([
    ['m1', 4],
    ['m2', 1],
  ]),
  ...over,
});

describe('rebalance/isDeschedulable (Karmada descheduler core/filter.go FilterBindings)', () => {
  const cases: [string, Partial<DeschedulableBinding>, boolean][] = [
    ['a Deployment with dynamic weights', {}, true],
    [
      'Aggregated',
      {
        placement: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } },
      },
      true,
    ],
    [
      'static weights are left alone',
      {
        placement: {
          replicaScheduling: {
            replicaSchedulingType: 'Divided',
            replicaDivisionPreference: 'Weighted',
            weightPreference: { staticWeightList: [] },
          },
        },
      },
      false,
    ],
    ['Duplicated is left alone', { placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } } }, false],
    ['only apps/v1 Deployment (supportedGVKs)', { kind: 'StatefulSet' }, false],
    ['no applied placement', { placement: undefined }, false],
  ];
  for (const [name, over, want] of cases) it(name, () => assert.equal(isDeschedulable(binding(over)), want));
});

describe('rebalance/decideDescheduling (Karmada descheduler.go updateScheduleResult, core/helper.go)', () => {
  const cases: {
    name: string;
    b: DeschedulableBinding;
    unschedulable: Record<string, number | undefined>;
    want: [string, number, number][];
  }[] = [
    {
      name: 'unschedulable replicas leave the cluster, down to the ready ones',
      b: binding(),
      unschedulable: { m2: 3 },
      want: [['m2', 4, 1]],
    },
    {
      name: 'never below the ready replicas',
      b: binding({
        ready: new Map([
          ['m1', 4],
          ['m2', 3],
        ]),
      }),
      unschedulable: { m2: 3 },
      want: [['m2', 4, 3]],
    },
    {
      name: 'a cluster whose replicas are all ready is not undesired',
      b: binding(),
      unschedulable: { m1: 2 },
      want: [],
    },
    {
      name: 'an unknown count (member unreachable) takes nothing',
      b: binding(),
      unschedulable: { m2: undefined },
      want: [],
    },
    {
      name: 'more unschedulable than assigned (stale pods): no change',
      b: binding(),
      unschedulable: { m2: 5 },
      want: [],
    },
    {
      name: 'an unknown ready count still descheduled (UnauthenticReplica)',
      b: binding({ ready: new Map([['m1', 4]]) }),
      unschedulable: { m2: 2 },
      want: [['m2', 4, 2]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decideDescheduling([c.b], (_k, cluster) => c.unschedulable[cluster]);
      assert.deepEqual(
        d.flatMap((x) => x.reduced.map((r) => [r.cluster, r.from, r.to])),
        c.want,
      );
      if (d[0]) assert.deepEqual(d[0].clusters.find((x) => x.name === 'm2')?.replicas, c.want[0]?.[2]);
    });
  }
});
