import assert from 'node:assert/strict';
import type { Placement } from '../api/index.ts';
import { cluster } from './fixtures.test-support.ts';
import { createScheduler, formatExplanation } from './index.ts';
import type { SchedulingRequest } from './index.ts';

const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };
const req = (placement: Placement, extra: Partial<SchedulingRequest> = {}): SchedulingRequest => ({
  resource,
  placement,
  replicas: 4,
  requirements: { resourceRequest: { cpu: '1' } },
  ...extra,
});
const fleet = [
  cluster('m3', { freeCpu: 2, labels: { env: 'prod' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
  cluster('m1', { freeCpu: 3, labels: { env: 'prod' } }),
  cluster('m2', { freeCpu: 10, labels: { env: 'dev' }, apis: ['v1|ConfigMap'] }),
];
const aggregated: Placement['replicaScheduling'] = {
  replicaSchedulingType: 'Divided',
  replicaDivisionPreference: 'Aggregated',
};

describe('createScheduler', () => {
  const cases: {
    name: string;
    placement: Placement;
    extra?: Partial<SchedulingRequest>;
    want: { kind: string; detail: unknown };
  }[] = [
    {
      name: 'Unschedulable NoClusterFit with Karmada wording, counts sorted',
      placement: { clusterAffinity: { clusterNames: ['m2', 'm3'] } },
      extra: {},
      want: {
        kind: 'NoClusterFit',
        detail:
          '0/3 clusters are available: 1 cluster(s) did not have the API resource, 1 cluster(s) did not match the placement cluster affinity constraint, 1 cluster(s) had untolerated taint {gpu:NoSchedule}.',
      },
    },
    {
      name: 'clusterAffinities fall through on insufficient capacity',
      placement: {
        clusterAffinities: [
          { affinityName: 'small', clusterNames: ['m1'] },
          { affinityName: 'big', clusterNames: ['m1', 'm3'] },
        ],
        clusterTolerations: [{ key: 'gpu', operator: 'Exists' }],
        replicaScheduling: aggregated,
      },
      want: {
        kind: 'Scheduled',
        detail: [
          { name: 'm1', replicas: 2 },
          { name: 'm3', replicas: 2 },
        ],
      }, // Webster 4 by free 3:2
    },
    {
      name: 'observedAffinityName starts from that term',
      placement: {
        clusterAffinities: [
          { affinityName: 'a', clusterNames: ['m1'] },
          { affinityName: 'b', clusterNames: ['m1', 'm3'] },
        ],
        clusterTolerations: [{ key: 'gpu', operator: 'Exists' }],
      },
      extra: { observedAffinityName: 'b' },
      want: {
        kind: 'Scheduled',
        detail: [
          { name: 'm1', replicas: 4 },
          { name: 'm3', replicas: 4 },
        ],
      },
    },
    {
      name: 'all terms fail: the first failure decides',
      placement: {
        clusterAffinities: [
          { affinityName: 'a', clusterNames: ['x'] },
          { affinityName: 'b', clusterNames: ['m1'] },
        ],
        replicaScheduling: aggregated,
      },
      // Filters run API enablement, taints, then affinity: each cluster reports its first failure.
      want: {
        kind: 'NoClusterFit',
        detail:
          '0/3 clusters are available: 1 cluster(s) did not have the API resource, 1 cluster(s) did not match the placement cluster affinity constraint, 1 cluster(s) had untolerated taint {gpu:NoSchedule}.',
      },
    },
    {
      name: 'insufficient capacity is Unschedulable',
      placement: { clusterAffinity: { clusterNames: ['m1'] }, replicaScheduling: aggregated },
      want: {
        kind: 'Unschedulable',
        detail:
          'failed to assign replicas: failed to scale up: Clusters available replicas 3 are not enough to schedule.',
      },
    },
    {
      name: 'evicting clusters are filtered',
      placement: {
        clusterAffinity: { clusterNames: ['m1', 'm3'] },
        clusterTolerations: [{ key: 'gpu', operator: 'Exists' }],
      },
      extra: { evictingClusters: ['m1'] },
      want: { kind: 'Scheduled', detail: [{ name: 'm3', replicas: 4 }] },
    },
    {
      name: 'previous tainted cluster kept, API-less cluster kept',
      placement: {},
      extra: {
        previous: [
          { name: 'm3', replicas: 4 },
          { name: 'm2', replicas: 4 },
        ],
      },
      want: {
        kind: 'Scheduled',
        detail: [
          { name: 'm1', replicas: 4 },
          { name: 'm2', replicas: 4 },
          { name: 'm3', replicas: 4 },
        ],
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = createScheduler(fleet).schedule(req(c.placement, c.extra));
      assert.deepEqual(
        got.kind === 'Scheduled'
          ? { kind: 'Scheduled', detail: got.clusters }
          : { kind: got.reason, detail: got.message },
        c.want,
      );
    });
  }

  it('records which affinity term was used', () => {
    const got = createScheduler(fleet).schedule(req(cases[1]?.placement ?? {}));
    assert.equal(got.explanation.affinityName, 'big');
    assert.deepEqual(
      got.explanation.attempts.map((a) => [a.affinityName, a.failure?.reason]),
      [
        ['small', 'Unschedulable'],
        ['big', undefined],
      ],
    );
  });

  it('an empty fleet has no cluster', () => {
    const got = createScheduler([]).schedule(req({}));
    assert.equal(got.kind === 'Unschedulable' ? got.message : '', '0/0 clusters are available: no cluster exists.');
  });

  it('is independent of inventory order and memoisation', () => {
    const p: Placement = {
      spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2 }],
      clusterTolerations: [{ key: 'gpu', operator: 'Exists' }],
      replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } },
    };
    const a = createScheduler(fleet);
    const b = createScheduler([...fleet].reverse());
    const first = JSON.stringify(a.schedule(req(p)));
    assert.equal(JSON.stringify(a.schedule(req(p))), first);
    assert.equal(JSON.stringify(b.schedule(req(p))), first);
    const withPrevious = a.schedule(req(p, { previous: [{ name: 'm3', replicas: 1 }] }));
    assert.notEqual(JSON.stringify(withPrevious), first);
    assert.equal(JSON.stringify(a.schedule(req(p))), first);
  });

  it('formats an explanation', () => {
    const got = createScheduler(fleet).schedule(req(cases[1]?.placement ?? {}));
    const text = formatExplanation(got.explanation);
    assert.match(text, /^affinity term used: big$/m);
    assert.match(text, /m3: ClusterAffinity: not in clusterNames/);
    assert.match(text, /division: Aggregated \(ScaleUp\)/);
  });
});

describe('empty requirements', () => {
  const cases: { name: string; requirements: SchedulingRequest['requirements']; want: number }[] = [
    {
      name: 'no requirements, 0 replicas: listed on every feasible cluster (m3 is tainted)',
      requirements: undefined,
      want: 2,
    },
    { name: 'empty requirements count as none', requirements: { resourceRequest: {} }, want: 2 },
    {
      name: 'real requirements, 0 replicas: assigned like a workload (nothing)',
      requirements: { resourceRequest: { cpu: '1' } },
      want: 0,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = createScheduler(fleet).schedule({
        resource: { ...resource, kind: 'StatefulSet' },
        placement: {},
        replicas: 0,
        ...(c.requirements ? { requirements: c.requirements } : {}),
        previous: [{ name: 'm2', replicas: 0 }],
      });
      assert.equal(r.kind === 'Scheduled' ? r.clusters.length : -1, c.want);
    });
  }
});
