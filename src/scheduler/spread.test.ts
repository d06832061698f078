import assert from 'node:assert/strict';
import type { Placement, SpreadConstraint } from '../api/index.ts';
import type { Candidate } from './candidate.ts';
import { candidate } from './fixtures.test-support.ts';
import { viewPlacement } from './placement.ts';
import { groupScore } from './spread/group-score.ts';
import { selectClusters } from './spread/select-clusters.ts';
import { selectGroups } from './spread/select-groups.ts';

const divided: Placement['replicaScheduling'] = {
  replicaSchedulingType: 'Divided',
  replicaDivisionPreference: 'Aggregated',
};

interface Case {
  name: string;
  spread: SpreadConstraint[];
  divided?: boolean;
  ranked: Candidate[];
  replicas: number;
  want: string[] | string;
}

const cases: Case[] = [
  {
    name: 'no constraints: all clusters',
    spread: [],
    ranked: [candidate('a', 1), candidate('b', 1)],
    replicas: 1,
    want: ['a', 'b'],
  },
  {
    name: 'cluster maxGroups takes the first ranked (Duplicated ignores capacity)',
    spread: [{ spreadByField: 'cluster', maxGroups: 2 }],
    ranked: [candidate('a', 1), candidate('b', 1), candidate('c', 9)],
    replicas: 5,
    want: ['a', 'b'],
  },
  {
    name: 'defaults to cluster field and minGroups 1',
    spread: [{ maxGroups: 1 }],
    ranked: [candidate('a', 1), candidate('b', 1)],
    replicas: 1,
    want: ['a'],
  },
  {
    name: 'fewer clusters than minGroups',
    spread: [{ spreadByField: 'cluster', minGroups: 3, maxGroups: 3 }],
    ranked: [candidate('a', 1), candidate('b', 1)],
    replicas: 1,
    want: 'failed to select clusters: the number of feasible clusters is less than spreadConstraint.MinGroups',
  },
  {
    name: 'divided: swap the last for a roomier cluster (Karmada example 40/30/60 need 80)',
    spread: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }],
    divided: true,
    ranked: [
      candidate('member1', 40, { score: 60 }),
      candidate('member2', 30, { score: 50 }),
      candidate('member3', 60, { score: 40 }),
    ],
    replicas: 80,
    want: ['member1', 'member3'],
  },
  {
    name: 'divided: not enough capacity in maxGroups clusters',
    spread: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }],
    divided: true,
    ranked: [candidate('a', 10), candidate('b', 8), candidate('c', 6)],
    replicas: 20,
    want: 'failed to select clusters: no enough resource when selecting 2 clusters',
  },
  {
    name: 'region: best cluster per region, then fill to cluster maxGroups',
    spread: [
      { spreadByField: 'region', minGroups: 2, maxGroups: 2 },
      { spreadByField: 'cluster', minGroups: 3, maxGroups: 3 },
    ],
    ranked: [
      candidate('e1', 9, { region: 'eu' }),
      candidate('e2', 8, { region: 'eu' }),
      candidate('u1', 7, { region: 'us' }),
      candidate('a1', 1, { region: 'ap' }),
    ],
    replicas: 1,
    want: ['e1', 'a1', 'e2'], // eu+ap and eu+us tie on weight and value; the first found (ap sorts first) wins
  },
  {
    name: 'region: too few regions',
    spread: [
      { spreadByField: 'region', minGroups: 3, maxGroups: 3 },
      { spreadByField: 'cluster', minGroups: 3, maxGroups: 3 },
    ],
    ranked: [candidate('e1', 9, { region: 'eu' }), candidate('u1', 7, { region: 'us' })],
    replicas: 1,
    want: 'failed to select clusters: the number of feasible region is less than spreadConstraint.MinGroups',
  },
  {
    name: 'zone without region or cluster is unsupported',
    spread: [{ spreadByField: 'zone' }, { spreadByLabel: 'x' }],
    ranked: [candidate('a', 1)],
    replicas: 1,
    want: 'failed to select clusters: just support cluster and region spread constraint',
  },
  {
    name: 'static weights ignore spread constraints',
    spread: [{ spreadByField: 'cluster', maxGroups: 1 }],
    divided: true,
    ranked: [candidate('a', 1), candidate('b', 1)],
    replicas: 1,
    want: ['a', 'b'],
  },
];

describe('selectClusters', () => {
  for (const c of cases) {
    it(c.name, () => {
      const scheduling = c.name.startsWith('static')
        ? {
            replicaSchedulingType: 'Divided' as const,
            weightPreference: { staticWeightList: [{ targetCluster: {}, weight: 1 }] },
          }
        : divided;
      const view = viewPlacement({
        spreadConstraints: c.spread,
        ...(c.divided ? { replicaScheduling: scheduling } : {}),
      });
      const got = selectClusters(c.ranked, view, c.replicas);
      if (typeof c.want === 'string') assert.equal(got.ok ? 'ok' : got.message, c.want);
      else assert.deepEqual(got.ok ? got.clusters.map((x) => x.name) : got.message, c.want);
    });
  }
});

describe('selectGroups', () => {
  it('Karmada example: target 7, values 2,3,6,7, two groups → highest weight pair', () => {
    const groups = [2, 3, 6, 7].map((v) => ({ name: `g${v}`, value: v, weight: v * 10 }));
    assert.deepEqual(
      selectGroups(groups, 2, 2, 7).map((g) => g.name),
      ['g7', 'g6'],
    );
  });
  it('prefers a feasible prefix of the best path', () => {
    const groups = [
      { name: 'a', value: 5, weight: 100 },
      { name: 'b', value: 5, weight: 50 },
      { name: 'c', value: 1, weight: 1 },
    ];
    assert.deepEqual(
      selectGroups(groups, 1, 3, 4).map((g) => g.name),
      ['a'],
    );
  });
  it('no feasible path', () => assert.deepEqual(selectGroups([{ name: 'a', value: 1, weight: 1 }], 1, 1, 2), []));
});

describe('groupScore', () => {
  const five = [60, 70, 40, 30, 10].map((a, i) => candidate(`m${i}`, a, { score: 100 }));
  const cases: {
    name: string;
    duplicated: boolean;
    clusters: Candidate[];
    replicas: number;
    minGroups: number;
    clusterMinGroups: number;
    want: number;
  }[] = [
    {
      name: 'duplicated: 2 clusters hold 50, average score 100',
      duplicated: true,
      clusters: five,
      replicas: 50,
      minGroups: 1,
      clusterMinGroups: 0,
      want: 2100,
    },
    {
      name: 'divided: short of target counts available',
      duplicated: false,
      clusters: [10, 10, 10, 10, 5].map((a, i) => candidate(`m${i}`, a, { score: 100 })),
      replicas: 100,
      minGroups: 2,
      clusterMinGroups: 1,
      want: 45100,
    },
    {
      name: 'divided: reaching target counts target',
      duplicated: false,
      clusters: [40, 30, 10, 10].map((a, i) => candidate(`m${i}`, a)),
      replicas: 100,
      minGroups: 2,
      clusterMinGroups: 1,
      want: 50000,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(groupScore(c.clusters, c), c.want));
});
