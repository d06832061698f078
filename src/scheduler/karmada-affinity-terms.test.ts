/**
 * Karmada's scheduler helpers checked case by case against its unit tests (facts only):
 * pkg/scheduler/helper_test.go (getAffinityIndex, getConditionByError) and
 * pkg/scheduler/framework/types_test.go (FitError.Error). Each case cites
 * `<Go file> :: <test function> :: <case name>`.
 *
 * Skipped as Go plumbing: helper_test.go Test_getConditionByError :: aggregated fit error (an
 * aggregate of a FitError and a failed API patch; flotilla patches nothing), types_test.go
 * TestNewClusterInfo, TestClusterInfo_Cluster, TestUnschedulableError_Error (struct accessors);
 * helper_test.go Test_needConsideredPlacementChanged belongs to the plan stage's triggers
 * (src/plan/schedule-trigger.ts).
 */
import assert from 'node:assert/strict';
import type { Placement } from '../api/index.ts';
import { fitErrorMessage } from './fit-error.ts';
import { cluster } from './fixtures.test-support.ts';
import { createScheduler } from './index.ts';
import type { SchedulingRequest } from './types.ts';

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' };
const groups: Placement = {
  clusterAffinities: [
    { affinityName: 'group1', clusterNames: ['member1'] },
    { affinityName: 'group2', clusterNames: ['member2'] },
    { affinityName: 'group3', clusterNames: ['member3'] },
  ],
};
const fleet = [cluster('member1'), cluster('member2'), cluster('member3')];

describe('Karmada helper_test.go :: Test_getAffinityIndex (scheduling starts from the observed term)', () => {
  const cases: { name: string; observed?: string; fresh?: boolean; want: string }[] = [
    { name: 'empty observedName', want: 'group1' },
    { name: 'observedName can not find in affinities', observed: 'group0', want: 'group1' },
    { name: 'observedName can find in affinities', observed: 'group3', want: 'group3' },
  ];
  for (const c of cases) {
    it(`helper_test.go :: Test_getAffinityIndex :: ${c.name}`, () => {
      const r = createScheduler(fleet).schedule({
        resource: configMap,
        placement: groups,
        replicas: 0,
        ...(c.observed ? { observedAffinityName: c.observed } : {}),
      });
      assert.equal(r.explanation.affinityName, c.want);
    });
  }
  it('scheduler_test.go :: TestScheduleResourceBindingWithClusterAffinities :: explicit rescheduling restarts from first affinity', () => {
    const r = createScheduler(fleet).schedule({
      resource: configMap,
      placement: groups,
      replicas: 0,
      observedAffinityName: 'group3',
      fresh: true,
    });
    assert.equal(r.explanation.affinityName, 'group1');
  });
  it('scheduler_test.go :: TestScheduleResourceBindingWithClusterAffinities :: without explicit rescheduling resumes from observed affinity (earlier terms are not tried)', () => {
    const r = createScheduler([cluster('member1'), cluster('member2')]).schedule({
      resource: configMap,
      placement: groups,
      replicas: 0,
      observedAffinityName: 'group3',
    });
    assert.equal(r.kind, 'Unschedulable');
    assert.deepEqual(
      r.explanation.attempts.map((a) => a.affinityName),
      ['group3'],
    );
  });
});

describe('Karmada helper_test.go :: Test_getConditionByError (the Scheduled reason of each failure)', () => {
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'd' };
  const roomy = [cluster('member1', { freeCpu: 2 }), cluster('member2', { freeCpu: 2 })];
  const dynamic: Placement['replicaScheduling'] = {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Weighted',
    weightPreference: { dynamicWeight: 'AvailableReplicas' },
  };
  const cases: { name: string; req: SchedulingRequest; want: string }[] = [
    {
      name: 'no error',
      req: { resource: deployment, placement: {}, replicas: 1 },
      want: 'Scheduled',
    },
    {
      name: 'no cluster fit',
      req: { resource: deployment, placement: { clusterAffinity: { clusterNames: ['member9'] } }, replicas: 1 },
      want: 'NoClusterFit',
    },
    {
      name: 'wrapped unschedulable error',
      req: {
        resource: deployment,
        placement: { replicaScheduling: dynamic },
        replicas: 9,
        requirements: { resourceRequest: { cpu: '1' } },
      },
      want: 'Unschedulable',
    },
    {
      name: 'failed to schedule',
      req: {
        resource: deployment,
        placement: {
          replicaScheduling: dynamic,
          spreadConstraints: [{ spreadByField: 'cluster', minGroups: 3, maxGroups: 3 }],
        },
        replicas: 1,
        requirements: { resourceRequest: { cpu: '1' } },
      },
      want: 'SchedulerError',
    },
  ];
  for (const c of cases) {
    it(`helper_test.go :: Test_getConditionByError :: ${c.name}`, () => {
      const r = createScheduler(roomy).schedule(c.req);
      assert.equal(r.kind === 'Scheduled' ? 'Scheduled' : r.reason, c.want);
    });
  }
});

describe('Karmada types_test.go :: TestFitError_Error', () => {
  it('types_test.go :: TestFitError_Error :: No clusters available', () => {
    assert.equal(fitErrorMessage(0, []), '0/0 clusters are available: no cluster exists.');
  });
  it('types_test.go :: TestFitError_Error :: Multiple reasons for unavailability', () => {
    // One reason a cluster: flotilla, as Karmada's RunFilterPlugins, stops at a cluster's first failing filter.
    const f = (c: string, reason: string) => ({ cluster: c, filter: 'TaintToleration' as const, reason, detail: '' });
    const got = fitErrorMessage(3, [
      f('cluster1', 'insufficient CPU'),
      f('cluster2', 'insufficient CPU'),
      f('cluster3', 'taint mismatch'),
    ]);
    assert.equal(got, '0/3 clusters are available: 1 taint mismatch, 2 insufficient CPU.');
  });
});

describe('Karmada scheduler.go scheduleResourceBinding: an empty clusterAffinities list', () => {
  it('is dropped with the binding (omitempty): scheduled as without affinity', () => {
    const r = createScheduler(fleet).schedule({
      resource: configMap,
      placement: { clusterAffinities: [] },
      replicas: 0,
    });
    assert.deepEqual(r.kind === 'Scheduled' ? r.clusters.map((c) => c.name) : r.message, [
      'member1',
      'member2',
      'member3',
    ]);
  });
});
