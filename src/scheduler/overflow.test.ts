/**
 * Overflow affinities, cases after Karmada core/common_test.go (assignWorkloadReplicas with
 * overflow) and spreadconstraint/group_clusters.go getClusterOverflowOrder.
 */
import assert from 'node:assert/strict';
import type { Placement, ReplicaRequirements } from '../api/index.ts';
import { cluster } from './fixtures.test-support.ts';
import { createScheduler } from './index.ts';

const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };
const fleet = [
  cluster('a1', { freeCpu: 2, labels: { tier: 'a' } }),
  cluster('a2', { freeCpu: 2, labels: { tier: 'a' } }),
  cluster('b1', { freeCpu: 3, labels: { tier: 'b' } }),
  cluster('c1', { freeCpu: 10, labels: { tier: 'c' } }),
];
const cpu: ReplicaRequirements = { resourceRequest: { cpu: '1' } };
const dynamic: Placement['replicaScheduling'] = {
  replicaSchedulingType: 'Divided',
  replicaDivisionPreference: 'Weighted',
  weightPreference: { dynamicWeight: 'AvailableReplicas' },
};
const byTier = (t: string) => ({ labelSelector: { matchLabels: { tier: t } } });
const withOverflow = (over: string[], rs: Placement['replicaScheduling'] = dynamic): Placement => ({
  // Karmada admits overflow only with dynamic weights or Aggregated (load/overflow-validation.ts)
  clusterAffinities: [
    {
      affinityName: 'primary',
      ...byTier('a'),
      overflowAffinities: over.map((t) => ({ affinityName: t, ...byTier(t) })),
    },
  ],
  replicaScheduling: rs,
});

describe('scheduler: overflowAffinities (Karmada core/common.go assignWorkloadReplicas)', () => {
  const cases: {
    name: string;
    placement: Placement;
    replicas: number;
    requirements?: ReplicaRequirements;
    want: unknown;
  }[] = [
    {
      name: 'the primary group holds all: no overflow',
      placement: withOverflow(['b']),
      replicas: 4,
      requirements: cpu,
      want: [
        { name: 'a1', replicas: 2 },
        { name: 'a2', replicas: 2 },
      ],
    },
    {
      name: 'the rest spills to the first overflow group',
      placement: withOverflow(['b', 'c']),
      replicas: 6,
      requirements: cpu,
      want: [
        { name: 'a1', replicas: 2 },
        { name: 'a2', replicas: 2 },
        { name: 'b1', replicas: 2 },
      ],
    },
    {
      name: 'then to the next',
      placement: withOverflow(['b', 'c']),
      replicas: 9,
      requirements: cpu,
      want: [
        { name: 'a1', replicas: 2 },
        { name: 'a2', replicas: 2 },
        { name: 'b1', replicas: 3 },
        { name: 'c1', replicas: 2 },
      ],
    },
    {
      name: 'more than all groups hold: unschedulable',
      placement: withOverflow(['b']),
      replicas: 8,
      requirements: cpu,
      want: 'Unschedulable: failed to assign replicas: Clusters available replicas are not enough to schedule.',
    },
    {
      name: 'without overflow the primary group alone is too small',
      placement: withOverflow([]),
      replicas: 6,
      requirements: cpu,
      want: 'Unschedulable: failed to assign replicas: failed to scale up: Clusters available replicas 4 are not enough to schedule.',
    },
    {
      name: 'Aggregated: the fewest clusters of the primary group, then the overflow',
      placement: withOverflow(['b'], { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' }),
      replicas: 5,
      requirements: cpu,
      want: [
        { name: 'a1', replicas: 2 },
        { name: 'a2', replicas: 2 },
        { name: 'b1', replicas: 1 },
      ],
    },
    {
      name: 'a non-workload uses the primary group only (clusteraffinity IsWorkload)',
      placement: withOverflow(['b']),
      replicas: 0,
      want: [
        { name: 'a1', replicas: 0 },
        { name: 'a2', replicas: 0 },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = createScheduler(fleet).schedule({
        resource,
        placement: c.placement,
        replicas: c.replicas,
        ...(c.requirements ? { requirements: c.requirements } : {}),
      });
      assert.deepEqual(r.kind === 'Scheduled' ? r.clusters : `${r.reason}: ${r.message}`, c.want);
    });
  }
  it('explains the tiers', () => {
    const r = createScheduler(fleet).schedule({
      resource,
      placement: withOverflow(['b', 'c']),
      replicas: 6,
      requirements: cpu,
    });
    const division = r.explanation.attempts[0]?.division;
    assert.equal(division?.strategy, 'Overflow');
    assert.deepEqual(
      division?.strategy === 'Overflow' ? division.tiers.map((t) => [t.order, t.available, t.replicas]) : [],
      [
        [0, 4, 4],
        [1, 3, 2],
      ],
    );
  });
});
