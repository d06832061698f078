import assert from 'node:assert/strict';
import type { Placement } from '../api/index.ts';
import type { Candidate } from './candidate.ts';
import { divideReplicas } from './division.ts';
import { aggregatedPlacement, candidate, dynamicPlacement } from './fixtures.test-support.ts';
import { viewPlacement } from './placement.ts';

const dynamic = dynamicPlacement;
const aggregated = aggregatedPlacement;
const weighted = (list: [string, number][]): Placement => ({
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    weightPreference: {
      staticWeightList: list.map(([name, weight]) => ({ targetCluster: { clusterNames: [name] }, weight })),
    },
  },
});

interface Case {
  name: string;
  placement: Placement;
  candidates: Candidate[];
  replicas: number;
  hasRequirements?: boolean;
  previous?: [string, number][];
  want: Record<string, number> | string;
}

const three = [candidate('a', 4), candidate('b', 6), candidate('c', 8)];
const cases: Case[] = [
  {
    name: 'Duplicated: every candidate gets all replicas',
    placement: {},
    candidates: three,
    replicas: 3,
    want: { a: 3, b: 3, c: 3 },
  },
  {
    name: 'Duplicated with 0 replicas and requirements: nothing listed',
    placement: {},
    candidates: three,
    replicas: 0,
    hasRequirements: true,
    want: {},
  },
  {
    name: 'non-workload: every candidate with 0',
    placement: weighted([['a', 1]]),
    candidates: three,
    replicas: 0,
    hasRequirements: false,
    want: { a: 0, b: 0, c: 0 },
  },
  {
    name: 'static weights: unlisted clusters get nothing',
    placement: weighted([
      ['a', 1],
      ['b', 2],
    ]),
    candidates: three,
    replicas: 9,
    want: { a: 3, b: 6 },
  },
  {
    name: 'static weights: none matching weighs all equally',
    placement: weighted([['x', 5]]),
    candidates: three,
    replicas: 6,
    want: { a: 2, b: 2, c: 2 },
  },
  {
    name: 'static weights: Divided without preference is Weighted',
    placement: { replicaScheduling: { replicaSchedulingType: 'Divided' } },
    candidates: three,
    replicas: 3,
    want: { a: 1, b: 1, c: 1 },
  },
  {
    name: 'dynamic: first schedule by free replicas 4:6:8',
    placement: dynamic,
    candidates: three,
    replicas: 9,
    want: { a: 2, b: 3, c: 4 },
  },
  {
    name: 'dynamic: not enough free replicas',
    placement: dynamic,
    candidates: three,
    replicas: 19,
    want: 'failed to assign replicas: failed to scale up: Clusters available replicas 18 are not enough to schedule.',
  },
  {
    name: 'dynamic: scale down proportional to previous 2:4:6',
    placement: dynamic,
    candidates: three,
    replicas: 6,
    previous: [
      ['a', 2],
      ['b', 4],
      ['c', 6],
    ],
    want: { a: 1, b: 2, c: 3 },
  },
  {
    name: 'dynamic: unchanged keeps previous',
    placement: dynamic,
    candidates: three,
    replicas: 3,
    previous: [['a', 3]],
    want: { a: 3 },
  },
  {
    name: 'dynamic: dropped cluster replicas reassigned',
    placement: dynamic,
    candidates: [candidate('a', 3), candidate('b', 3)],
    replicas: 12,
    previous: [
      ['a', 6],
      ['z', 6],
    ],
    want: { a: 9, b: 3 },
  },
  {
    name: 'aggregated: fewest clusters, largest first',
    placement: aggregated,
    candidates: [candidate('a', 10), candidate('b', 20), candidate('c', 5)],
    replicas: 12,
    want: { b: 12 },
  },
  {
    name: 'aggregated: scale up prefers previous clusters',
    placement: aggregated,
    candidates: [candidate('a', 6), candidate('b', 6), candidate('c', 20)],
    replicas: 24,
    previous: [
      ['a', 4],
      ['b', 8],
    ],
    want: { a: 10, b: 14 },
  },
  {
    name: 'no candidates: scheduler error',
    placement: {},
    candidates: [],
    replicas: 1,
    want: 'failed to assign replicas: no clusters available to schedule',
  },
];

describe('divideReplicas', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = divideReplicas(c.candidates, {
        view: viewPlacement(c.placement),
        replicas: c.replicas,
        hasRequirements: c.hasRequirements ?? true,
        previous: (c.previous ?? []).map(([name, replicas]) => ({ name, replicas })),
        tieBreak: 'NameAscending',
      });
      if (typeof c.want === 'string') {
        assert.equal(got.ok, false);
        assert.equal(got.ok ? '' : got.message, c.want);
      } else {
        assert.ok(got.ok, got.ok ? '' : got.message);
        assert.deepEqual(Object.fromEntries(got.clusters.map((x) => [x.name, x.replicas])), c.want);
        assert.deepEqual(
          got.clusters.map((x) => x.name),
          Object.keys(c.want).sort(),
        );
      }
    });
  }
  it('dynamic failure reason is Unschedulable, empty candidates SchedulerError', () => {
    const view = viewPlacement(dynamic);
    const base = { view, hasRequirements: true, previous: [], tieBreak: 'NameAscending' as const };
    const r1 = divideReplicas(three, { ...base, replicas: 100 });
    const r2 = divideReplicas([], { ...base, replicas: 1 });
    assert.equal(r1.ok ? '' : r1.reason, 'Unschedulable');
    assert.equal(r2.ok ? '' : r2.reason, 'SchedulerError');
  });
});
