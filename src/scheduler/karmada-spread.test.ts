/**
 * Spread-constraint selection checked case by case against Karmada's own unit tests in
 * pkg/scheduler/core/spreadconstraint (facts only). Each case cites
 * `<Go file> :: <test function> :: <case name>`.
 *
 * Skipped as Go plumbing: util_test.go TestIsSpreadConstraintExisted (a slice helper);
 * group_clusters_test.go Test_GroupClustersWithScore's zone/region/provider map sizes (flotilla groups
 * by region only, where selection reads groups; its cluster order is ported below).
 * select_clusters_test.go cases written with `Divided` and no division preference use `Aggregated`
 * here: Karmada's webhook defaults such a placement to `Weighted`, which ignores spread constraints,
 * while the Go test calls SelectBestClusters on the raw placement (not ignored, capacity counted).
 */
import assert from 'node:assert/strict';
import type { Placement } from '../api/index.ts';
import { type Candidate, compareCandidates } from './candidate.ts';
import { candidate } from './fixtures.test-support.ts';
import { viewPlacement } from './placement.ts';
import { groupScore } from './spread/group-score.ts';
import { selectClusters, selectFromRegions } from './spread/select-clusters.ts';
import { selectGroups } from './spread/select-groups.ts';

const scored = (name: string, score: number, available: number, region = ''): Candidate =>
  candidate(name, available, { score, ...(region ? { region } : {}) });

describe('Karmada select_clusters_test.go :: TestSelectBestClusters', () => {
  // generateClusterInfo: already ranked by score.
  const infos = [
    scored('member4', 60, 50),
    scored('member2', 40, 60),
    scored('member3', 30, 80),
    scored('member1', 20, 40),
  ];
  const bySpread = (min: number, max: number, rs?: Placement['replicaScheduling']): Placement => ({
    spreadConstraints: [{ spreadByField: 'cluster', minGroups: min, maxGroups: max }],
    ...(rs ? { replicaScheduling: rs } : {}),
  });
  const aggregated: Placement['replicaScheduling'] = {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Aggregated',
  };
  const cases: { name: string; placement: Placement; replicas: number; want: string[] | string }[] = [
    {
      name: 'select clusters by cluster score',
      placement: bySpread(1, 2),
      replicas: 100,
      want: ['member4', 'member2'],
    },
    {
      name: 'select clusters by cluster score and ignore available resources when scheduling strategy is duplicated',
      placement: bySpread(1, 2, { replicaSchedulingType: 'Duplicated' }),
      replicas: 120,
      want: ['member4', 'member2'],
    },
    {
      name: 'select clusters by cluster score and ignore available resources when scheduling strategy is static weight',
      placement: bySpread(1, 2, {
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['member1'] }, weight: 2 }] },
      }),
      replicas: 120,
      want: ['member4', 'member2', 'member3', 'member1'],
    },
    {
      name: 'select clusters by cluster score and satisfy available resources',
      placement: bySpread(1, 2, aggregated),
      replicas: 120,
      want: ['member4', 'member3'],
    },
    {
      name: 'select clusters by cluster score and insufficient resources',
      placement: bySpread(1, 2, aggregated),
      replicas: 200,
      want: 'no enough resource when selecting 2 clusters',
    },
    {
      name: 'select clusters by cluster score and exceeded the number of available clusters.',
      placement: bySpread(7, 7),
      replicas: 30,
      want: 'the number of feasible clusters is less than spreadConstraint.MinGroups',
    },
  ];
  for (const c of cases) {
    it(`select_clusters_test.go :: TestSelectBestClusters :: ${c.name}`, () => {
      const got = selectClusters(infos, viewPlacement(c.placement), c.replicas);
      if (typeof c.want === 'string') {
        assert.equal(got.ok ? '' : got.message, `failed to select clusters: ${c.want}`);
        return;
      }
      assert.ok(got.ok, got.ok ? '' : got.message);
      assert.deepEqual(
        got.clusters.map((x) => x.name),
        c.want,
      );
    });
  }
});

describe('Karmada select_clusters_by_region_test.go :: Test_selectBestClustersByRegion', () => {
  const region = (name: string, score: number, clusters: [string, number, number][]) => ({
    name,
    score,
    clusters: clusters.map(([n, s, a]) => scored(n, s, a, name)),
  });
  const two = [
    region('R1', 100, [
      ['member1', 100, 40],
      ['member2', 80, 40],
    ]),
    region('R2', 80, [
      ['member3', 80, 40],
      ['member4', 80, 40],
      ['member5', 60, 40],
    ]),
  ];
  const spread = (rMin: number, rMax: number, cMin: number, cMax: number) => ({
    region: { field: 'region' as const, label: '', minGroups: rMin, maxGroups: rMax },
    cluster: { field: 'cluster' as const, label: '', minGroups: cMin, maxGroups: cMax },
  });
  const cases: {
    name: string;
    regions: ReturnType<typeof region>[];
    spread: ReturnType<typeof spread>;
    want: string[] | null;
  }[] = [
    {
      name: 'select cluster from the region with the higher score',
      regions: two,
      spread: spread(1, 1, 2, 2),
      want: ['member1', 'member2'],
    },
    {
      name: 'select cluster from the region with enough clusters',
      regions: two,
      spread: spread(1, 1, 3, 3),
      want: ['member3', 'member4', 'member5'],
    },
    {
      name: 'select cluster from the region with enough clusters and higher score',
      regions: [
        region('R1', 90, [['member1', 90, 40]]),
        region('R2', 70, [
          ['member2', 70, 40],
          ['member3', 60, 40],
          ['member4', 30, 40],
        ]),
        region('R3', 80, [
          ['member5', 80, 40],
          ['member6', 50, 60],
        ]),
        region('R4', 50, [
          ['member7', 50, 50],
          ['member8', 40, 50],
          ['member9', 10, 50],
          ['member10', 0, 50],
        ]),
      ],
      spread: spread(2, 2, 4, 5),
      want: ['member1', 'member2', 'member3', 'member4'],
    },
    {
      name: 'select cluster from more than `minGroups` regions with enough clusters and higher score',
      regions: [
        region('R1', 70, [['member1', 70, 40]]),
        region('R2', 40, [
          ['member2', 40, 40],
          ['member3', 40, 40],
          ['member4', 40, 40],
        ]),
        region('R3', 60, [
          ['member5', 60, 40],
          ['member6', 50, 60],
        ]),
        region('R4', 70, [['member7', 70, 100]]),
        region('R5', 50, [['member8', 50, 50]]),
      ],
      spread: spread(1, 3, 6, 8),
      want: ['member1', 'member5', 'member2', 'member6', 'member3', 'member4'],
    },
    { name: 'no enough region', regions: two, spread: spread(3, 3, 3, 3), want: null },
    {
      name: 'no enough clusters',
      regions: [
        region('R1', 100, [
          ['member1', 100, 40],
          ['member2', 80, 60],
        ]),
        region('R2', 80, [
          ['member3', 80, 40],
          ['member4', 80, 40],
          ['member5', 60, 40],
        ]),
      ],
      spread: spread(1, 1, 4, 4),
      want: null,
    },
    {
      name: 'no more regions to replace',
      regions: [
        region('R1', 100, [
          ['member1', 100, 40],
          ['member2', 80, 20],
        ]),
      ],
      spread: spread(1, 1, 3, 4),
      want: null,
    },
  ];
  for (const c of cases) {
    it(`select_clusters_by_region_test.go :: Test_selectBestClustersByRegion :: ${c.name}`, () => {
      const got = selectFromRegions(c.regions, c.spread.region, c.spread.cluster);
      if (c.want === null) {
        assert.equal(got.ok, false);
        return;
      }
      assert.ok(got.ok, got.ok ? '' : got.message);
      assert.deepEqual(
        got.selected.map((x) => x.name),
        c.want,
      );
    });
  }
});

describe('Karmada select_groups_test.go :: TestSelectGroups', () => {
  const g = (list: [string, number, number][]) => list.map(([name, value, weight]) => ({ name, value, weight }));
  const cases: {
    name: string;
    groups: [string, number, number][];
    min: number;
    max: number;
    target: number;
    want: string[];
  }[] = [
    { name: 'empty groups', groups: [], min: 2, max: 3, target: 1, want: [] },
    { name: 'no enough groups', groups: [['R1', 1, 80]], min: 2, max: 3, target: 1, want: [] },
    {
      name: 'no enough value',
      groups: [
        ['R1', 1, 80],
        ['R2', 2, 30],
      ],
      min: 2,
      max: 3,
      target: 4,
      want: [],
    },
    { name: 'select one group', groups: [['R1', 1, 80]], min: 1, max: 3, target: 1, want: ['R1'] },
    {
      name: 'prioritize one path',
      groups: [
        ['R1', 1, 80],
        ['R3', 1, 80],
        ['R2', 1, 60],
        ['R5', 2, 60],
        ['R4', 5, 50],
        ['R6', 3, 50],
      ],
      min: 1,
      max: 3,
      target: 10,
      want: ['R5', 'R4', 'R6'],
    },
    {
      name: 'select groups with less total number',
      groups: [
        ['R1', 1, 80],
        ['R2', 4, 40],
        ['R3', 1, 30],
        ['R4', 3, 30],
        ['R5', 3, 20],
        ['R6', 5, 10],
      ],
      min: 2,
      max: 6,
      target: 5,
      want: ['R1', 'R2'],
    },
    {
      name: 'select groups with the highest score',
      groups: [
        ['R1', 1, 60],
        ['R2', 1, 50],
        ['R3', 1, 40],
        ['R4', 3, 30],
        ['R5', 3, 20],
        ['R6', 3, 10],
      ],
      min: 1,
      max: 3,
      target: 6,
      want: ['R1', 'R4', 'R5'],
    },
    {
      name: 'select groups that are chosen earlier',
      groups: [
        ['R1', 1, 60],
        ['R2', 2, 50],
        ['R3', 3, 40],
        ['R4', 4, 30],
      ],
      min: 1,
      max: 2,
      target: 5,
      want: ['R1', 'R4'],
    },
    {
      name: 'select groups with greater value',
      groups: [
        ['R4', 1, 60],
        ['R3', 3, 50],
        ['R1', 3, 40],
        ['R2', 4, 30],
      ],
      min: 1,
      max: 2,
      target: 5,
      want: ['R3', 'R1'],
    },
  ];
  for (const c of cases) {
    it(`select_groups_test.go :: TestSelectGroups :: ${c.name}`, () => {
      const got = selectGroups(g(c.groups), c.min, c.max, c.target);
      assert.deepEqual(
        got.map((x) => x.name),
        c.want,
      );
    });
  }
});

describe('Karmada group_clusters_test.go (group scores and cluster order)', () => {
  // generateClusterScores: memberN with the given scores and available replicas, in that order.
  const group = (scores: number[], available: number[]) =>
    scores.map((s, i) => scored(`member${i + 1}`, s, available[i] ?? 0));
  // generateArgs: id, clusters1, clusters2, strategy (duplicated or divided), replicas, minGroups, group1Wins.
  const args: [number, Candidate[], Candidate[], boolean, number, number, boolean][] = [
    [
      1,
      group([100, 100, 0, 0, 0], [30, 30, 30, 30, 30]),
      group([100, 100, 100, 100, 100], [30, 30, 30, 10, 10]),
      true,
      20,
      0,
      true,
    ],
    [
      2,
      group([100, 100, 0, 0, 0], [30, 30, 30, 10, 10]),
      group([100, 100, 100, 100, 100], [30, 30, 30, 10, 10]),
      true,
      20,
      0,
      false,
    ],
    [
      3,
      group([100, 100, 0, 0, 0], [30, 30, 30, 10, 10]),
      group([100, 100, 100, 100, 100], [10, 10, 10, 5, 5]),
      false,
      100,
      2,
      true,
    ],
    [
      4,
      group([100, 100, 0, 0, 0], [10, 10, 10, 10, 5]),
      group([100, 100, 100, 100, 100], [10, 10, 10, 5, 5]),
      false,
      100,
      2,
      true,
    ],
    [
      5,
      group([100, 100, 0, 0, 0], [10, 10, 10, 5, 5]),
      group([100, 100, 100, 100, 100], [10, 10, 10, 5, 5]),
      false,
      100,
      2,
      false,
    ],
    [
      6,
      group([0, 0, 0, 0, 0], [100, 100, 100, 100, 100]),
      group([100, 100, 100, 100, 100], [50, 50, 50, 50, 50]),
      false,
      100,
      2,
      false,
    ],
  ];
  for (const [id, one, two, duplicated, replicas, minGroups, oneWins] of args) {
    it(`group_clusters_test.go :: Test_CalcGroupScore :: test ID ${id}`, () => {
      const input = { duplicated, replicas, minGroups, clusterMinGroups: 0 };
      assert.equal(groupScore(one, input) >= groupScore(two, input), oneWins);
    });
  }
  const dup = { duplicated: true, replicas: 10, minGroups: 0, clusterMinGroups: 0 };
  it('group_clusters_test.go :: Test_CalcGroupScoreForDuplicate :: get 0 score when clusters is empty', () => {
    assert.equal(groupScore([], dup), 0);
  });
  it('group_clusters_test.go :: Test_CalcGroupScoreForDuplicate :: get 0 score when all clusters can not meet the replica requirements', () => {
    assert.equal(groupScore([scored('member1', 50, 5), scored('member2', 50, 5)], dup), 0);
  });
  // Test_GroupClustersWithScore: every case ranks the same clusters (scores 20/40/30/60, 100 available each).
  for (const name of ['nil', 'cluster', 'zone', 'region', 'provider', 'provider/region/zone']) {
    it(`group_clusters_test.go :: Test_GroupClustersWithScore :: test SpreadConstraints is ${name}`, () => {
      const ranked = [
        scored('member1', 20, 100),
        scored('member2', 40, 100),
        scored('member3', 30, 100),
        scored('member4', 60, 100),
      ].sort(compareCandidates);
      assert.deepEqual(
        ranked.map((c) => c.name),
        ['member4', 'member2', 'member3', 'member1'],
      );
    });
  }
  // util_test.go Test_sortClusters: Karmada always ranks with the available-replicas comparator.
  it('util_test.go :: Test_sortClusters :: different scores', () => {
    const got = [scored('a', 1, 0), scored('b', 2, 0)].sort(compareCandidates);
    assert.deepEqual(
      got.map((c) => c.name),
      ['b', 'a'],
    );
  });
  it('util_test.go :: Test_sortClusters :: same score, sort by availableReplicas', () => {
    const got = [scored('a', 1, 5), scored('b', 1, 10)].sort(compareCandidates);
    assert.deepEqual(
      got.map((c) => c.name),
      ['b', 'a'],
    );
  });
  it('util_test.go :: Test_sortClusters :: same score, default to sort by name (equal available replicas)', () => {
    const got = [scored('b', 1, 5), scored('a', 1, 5)].sort(compareCandidates);
    assert.deepEqual(
      got.map((c) => c.name),
      ['a', 'b'],
    );
  });
});

describe('Karmada select_clusters_by_cluster.go selectBestClustersByCluster: maxGroups unset', () => {
  const ranked = [scored('member1', 0, 10), scored('member2', 0, 10)];
  const spread: Placement = { spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1 }] };
  it('Duplicated selects no cluster, and assignment fails (no clusters available to schedule)', () => {
    const got = selectClusters(ranked, viewPlacement(spread), 2);
    assert.deepEqual(got.ok ? got.clusters : 'failed', []);
  });
  it('Divided fails selection (no enough resource when selecting 0 clusters)', () => {
    const got = selectClusters(
      ranked,
      viewPlacement({
        ...spread,
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
      }),
      2,
    );
    assert.equal(got.ok ? '' : got.message, 'failed to select clusters: no enough resource when selecting 0 clusters');
  });
});
