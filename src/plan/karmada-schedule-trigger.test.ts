/**
 * Karmada's scheduling triggers checked case by case against its unit tests (facts only):
 * pkg/scheduler/helper_test.go Test_needConsideredPlacementChanged (placementChanged), and
 * pkg/scheduler/scheduler.go doScheduleBinding with pkg/apis/policy/v1alpha1 Placement.ReplicaSchedulingType
 * (no replicaScheduling block is Duplicated, which is always scheduled again).
 */
import assert from 'node:assert/strict';
import type { Placement } from '../api/index.ts';
import { placementChanged, scheduleTrigger } from './schedule-trigger.ts';

const toleration = { key: 'foo', operator: 'Equal' as const, value: 'foo', effect: 'NoSchedule' as const };
const full = (o: Partial<Placement> = {}, withoutAffinity = false): Placement => ({
  ...(withoutAffinity ? {} : { clusterAffinity: { clusterNames: ['m1'] } }),
  clusterTolerations: [toleration],
  spreadConstraints: [{ minGroups: 1, maxGroups: 1, spreadByField: 'cluster' }],
  replicaScheduling: { replicaSchedulingType: 'Duplicated' },
  ...o,
});
const terms = (...t: [string, string[]][]): Placement => ({
  clusterAffinities: t.map(([affinityName, clusterNames]) => ({ affinityName, clusterNames })),
});

describe('Karmada helper_test.go :: Test_needConsideredPlacementChanged', () => {
  const cases: { name: string; placement: Placement; applied?: Placement; observed?: string; want: boolean }[] = [
    { name: 'nil appliedPlacement', placement: { clusterAffinity: { clusterNames: ['m1'] } }, want: true },
    { name: 'same placement and appliedPlacement', placement: full(), applied: full(), want: false },
    {
      name: 'different ClusterAffinity field in placement and appliedPlacement',
      placement: full({}, true),
      applied: full({ clusterAffinity: { clusterNames: ['m2'] } }),
      want: true,
    },
    {
      name: 'different ClusterTolerations field in placement and appliedPlacement',
      placement: full(),
      applied: full({ clusterTolerations: [{ ...toleration, operator: 'Exists' }] }),
      want: true,
    },
    {
      name: 'different SpreadConstraints field in placement and appliedPlacement',
      placement: full(),
      applied: full({ spreadConstraints: [{ minGroups: 1, maxGroups: 2, spreadByField: 'cluster' }] }),
      want: true,
    },
    {
      name: 'different ReplicaScheduling field in placement and appliedPlacement',
      placement: full(),
      applied: full({ replicaScheduling: { replicaSchedulingType: 'Divided' } }),
      want: true,
    },
    {
      name: 'different ClusterAffinities field with empty schedulerObservingAffinityName',
      placement: terms(['group1', ['m1']]),
      applied: {},
      want: true,
    },
    {
      name: 'update the target ClusterAffinityTerm',
      placement: terms(['group1', ['m1', 'm2']]),
      applied: terms(['group1', ['m1']]),
      observed: 'group1',
      want: true,
    },
    {
      name: 'delete the target ClusterAffinityTerm',
      placement: terms(['group2', ['m2']]),
      applied: terms(['group1', ['m1']], ['group2', ['m2']]),
      observed: 'group1',
      want: true,
    },
    {
      name: 'delete the whole ClusterAffinities',
      placement: {},
      applied: terms(['group1', ['m1']]),
      observed: 'group1',
      want: true,
    },
    {
      name: "add a new ClusterAffinityTerm and don't update the target ClusterAffinityTerm",
      placement: terms(['group1', ['m1']], ['group2', ['m1', 'm2']]),
      applied: terms(['group1', ['m1']]),
      observed: 'group1',
      want: false,
    },
    {
      name: "update a ClusterAffinityTerm and don't update the target ClusterAffinityTerm",
      placement: terms(['group1', ['m1']], ['group2', ['m1', 'm2']]),
      applied: terms(['group1', ['m1']], ['group2', ['m2']]),
      observed: 'group1',
      want: false,
    },
    {
      name: "delete a ClusterAffinityTerm and don't update the target ClusterAffinityTerm",
      placement: terms(['group1', ['m1']]),
      applied: terms(['group1', ['m1']], ['group2', ['m2']]),
      observed: 'group1',
      want: false,
    },
  ];
  for (const c of cases) {
    it(`helper_test.go :: Test_needConsideredPlacementChanged :: ${c.name}`, () => {
      // No applied placement recorded: the trigger schedules (appliedPlacementStr == "").
      const got =
        c.applied === undefined
          ? scheduleTrigger({
              placement: c.placement,
              applied: undefined,
              previous: [{ name: 'm1', replicas: 1 }],
              replicas: 1,
              isWorkload: true,
              clusterExists: () => true,
            }).kind === 'schedule'
          : placementChanged(c.placement, c.applied, c.observed);
      assert.equal(got, c.want);
    });
  }
});

describe('Karmada scheduler.go doScheduleBinding: what an unchanged placement triggers', () => {
  const base = {
    previous: [{ name: 'm1', replicas: 2 }],
    replicas: 2,
    isWorkload: true,
    clusterExists: () => true,
  };
  const cases: { name: string; placement: Placement; observed?: string; applied?: Placement; want: string }[] = [
    { name: 'no replicaScheduling block (Duplicated): scheduled again', placement: {}, want: 'schedule' },
    {
      name: 'Divided, replicas add up: kept',
      placement: { replicaScheduling: { replicaSchedulingType: 'Divided' } },
      want: 'keep',
    },
    {
      name: 'Divided, another clusterAffinities term changed: kept',
      placement: {
        ...terms(['group1', ['m1']], ['group2', ['m2', 'm3']]),
        replicaScheduling: { replicaSchedulingType: 'Divided' },
      },
      applied: {
        ...terms(['group1', ['m1']], ['group2', ['m2']]),
        replicaScheduling: { replicaSchedulingType: 'Divided' },
      },
      observed: 'group1',
      want: 'keep',
    },
  ];
  it('the last schedule failed (Karmada patched no applied placement): scheduled again', () => {
    const placement: Placement = { replicaScheduling: { replicaSchedulingType: 'Divided' } };
    assert.equal(scheduleTrigger({ ...base, placement, applied: placement, unscheduled: true }).kind, 'schedule');
  });
  for (const c of cases) {
    it(c.name, () => {
      const v = scheduleTrigger({
        ...base,
        placement: c.placement,
        applied: c.applied ?? c.placement,
        ...(c.observed ? { observedAffinityName: c.observed } : {}),
      });
      assert.equal(v.kind, c.want);
    });
  }
});
