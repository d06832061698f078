/**
 * Replica division checked case by case against Karmada's own unit tests (facts only: inputs and
 * expected results). Each case cites `<Go file> :: <test function> :: <case name>`.
 *
 * Karmada cases driven through flotilla's divideReplicas (core/assignment.go and
 * division_algorithm.go) and allocateWebsterSeats (helper/webstermethod.go, helper/binding.go).
 * divideReplicas drops zero-replica clusters as Karmada's assignReplicasToClusters
 * (removeZeroReplicasCluster) does, so a Go case that expects `{member: 0}` from the bare strategy
 * function is expressed as the cluster being absent.
 *
 * Skipped as Go plumbing: binding_test.go TestGetWeightSum, TestNewDispenser, TestDone,
 * TestGetStaticWeightInfoListByTargetClusters (struct helpers flotilla does not have);
 * common_test.go TestAssignComponentSchedulingResults (the MultiplePodTemplatesScheduling feature
 * gate, off by default; flotilla has no multi-component bindings);
 * common_test.go TestAssignReplicas :: Unsupported replica scheduling strategy (the loader's schema
 * rejects an unknown replicaSchedulingType before scheduling, as Karmada's CRD enum does).
 */
import assert from 'node:assert/strict';
import type { Placement } from '../api/index.ts';
import type { Candidate } from './candidate.ts';
import { divideReplicas } from './division.ts';
import { aggregatedPlacement, candidate, dynamicPlacement } from './fixtures.test-support.ts';
import { divideByOverflow } from './overflow.ts';
import { viewPlacement } from './placement.ts';
import type { TieBreak } from './types.ts';
import { allocateWebsterSeats } from './webster.ts';

const dynamic = dynamicPlacement;
const aggregated = aggregatedPlacement;
const weightedDefault: Placement = {
  replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' },
};
const staticWeights = (list: [string, number][]): Placement => ({
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Weighted',
    weightPreference: {
      staticWeightList: list.map(([name, weight]) => ({ targetCluster: { clusterNames: [name] }, weight })),
    },
  },
});

/** Candidates named memberN with the given free replicas (Karmada AllocatableReplicas), in rank order. */
const members = (...free: [string, number][]): Candidate[] => free.map(([n, f]) => candidate(n, f));
const m = (n: number) => `member${n}`;

interface Case {
  /** `<Go file> :: <test function> :: <case name>`. */
  readonly cite: string;
  readonly placement: Placement;
  readonly candidates: readonly Candidate[];
  readonly replicas: number;
  readonly hasRequirements?: boolean;
  readonly previous?: readonly [string, number][];
  readonly tieBreak?: TieBreak;
  /** Acceptable results (Karmada lists several where a tie-break decides), or an error substring. */
  readonly want: readonly Record<string, number>[] | string;
}

const cases: Case[] = [
  // division_algorithm_test.go: the weights are the candidates' free replicas, no previous placement.
  {
    cite: 'division_algorithm_test.go :: Test_dynamicDivideReplicas :: replica 12, dynamic weight 18:12:6',
    placement: dynamic,
    candidates: members([m(1), 18], [m(2), 12], [m(3), 6]),
    replicas: 12,
    want: [{ member1: 6, member2: 4, member3: 2 }],
  },
  {
    cite: 'division_algorithm_test.go :: Test_dynamicDivideReplicas :: replica 12, dynamic weight 20:12:6',
    placement: dynamic,
    candidates: members([m(1), 20], [m(2), 12], [m(3), 6]),
    replicas: 12,
    want: [{ member1: 6, member2: 4, member3: 2 }],
  },
  {
    cite: 'division_algorithm_test.go :: Test_dynamicDivideReplicas :: replica 12, dynamic weight 6:12:6',
    placement: dynamic,
    candidates: members([m(1), 6], [m(2), 12], [m(3), 6]),
    replicas: 12,
    want: [{ member1: 3, member2: 6, member3: 3 }],
  },
  {
    cite: 'division_algorithm_test.go :: Test_dynamicDivideReplicas :: replica 12, aggregated 12:6:6',
    placement: aggregated,
    candidates: members([m(2), 12], [m(1), 6], [m(3), 6]),
    replicas: 12,
    want: [{ member2: 12 }],
  },
  {
    cite: 'division_algorithm_test.go :: Test_dynamicDivideReplicas :: replica 12, aggregated 6:6:6',
    placement: aggregated,
    candidates: members([m(1), 6], [m(2), 6], [m(3), 6]),
    replicas: 12,
    want: [{ member1: 6, member2: 6 }],
  },
  // assignment_test.go Test_assignByStaticWeightStrategy
  {
    cite: 'assignment_test.go :: Test_assignByStaticWeightStrategy :: replica 12, weight 3:2:1',
    placement: staticWeights([
      [m(1), 3],
      [m(2), 2],
      [m(3), 1],
    ]),
    candidates: members([m(1), 0], [m(2), 0], [m(3), 0]),
    replicas: 12,
    want: [{ member1: 6, member2: 4, member3: 2 }],
  },
  {
    cite: 'assignment_test.go :: Test_assignByStaticWeightStrategy :: replica 12, default weight',
    placement: weightedDefault,
    candidates: members([m(1), 0], [m(2), 0], [m(3), 0]),
    replicas: 12,
    want: [{ member1: 4, member2: 4, member3: 4 }],
  },
  {
    cite: 'assignment_test.go :: Test_assignByStaticWeightStrategy :: replica 13, weight 3:2:1',
    placement: staticWeights([
      [m(1), 3],
      [m(2), 2],
      [m(3), 1],
    ]),
    candidates: members([m(1), 0], [m(2), 0], [m(3), 0]),
    replicas: 13,
    want: [{ member1: 7, member2: 4, member3: 2 }],
  },
  {
    cite: 'assignment_test.go :: Test_assignByStaticWeightStrategy :: replica 14, weight 3:2:1',
    placement: staticWeights([
      [m(1), 3],
      [m(2), 2],
      [m(3), 1],
    ]),
    candidates: members([m(1), 0], [m(2), 0], [m(3), 0]),
    replicas: 14,
    want: [{ member1: 7, member2: 5, member3: 2 }],
  },
  {
    cite: 'assignment_test.go :: Test_assignByStaticWeightStrategy :: insufficient replica assignment should get 0 replica',
    placement: staticWeights([
      [m(1), 1],
      [m(2), 1],
    ]),
    candidates: members([m(1), 0], [m(2), 0]),
    replicas: 0,
    want: [{}],
  },
  {
    cite: 'assignment_test.go :: Test_assignByStaticWeightStrategy :: selected cluster without weight should be ignored',
    placement: staticWeights([[m(1), 1]]),
    candidates: members([m(1), 0], [m(2), 0]),
    replicas: 2,
    want: [{ member1: 2 }],
  },
  {
    cite: 'assignment_test.go :: Test_assignByStaticWeightStrategy :: cluster with multiple weights',
    placement: staticWeights([
      [m(1), 1],
      [m(2), 1],
      [m(1), 2],
    ]),
    candidates: members([m(1), 0], [m(2), 0]),
    replicas: 3,
    want: [{ member1: 2, member2: 1 }],
  },
  // assignment_test.go Test_dynamicScale (assignByDynamicStrategy, Steady mode).
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 6, dynamic weighted 1:1:1',
    placement: dynamic,
    candidates: members([m(1), 1], [m(2), 1], [m(3), 1]),
    replicas: 6,
    previous: [
      [m(1), 2],
      [m(2), 4],
      [m(3), 6],
    ],
    want: [{ member1: 1, member2: 2, member3: 3 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 24, dynamic weighted 10:10:10',
    placement: dynamic,
    candidates: members([m(1), 10], [m(2), 10], [m(3), 10]),
    replicas: 24,
    previous: [
      [m(1), 2],
      [m(2), 4],
      [m(3), 6],
    ],
    want: [{ member1: 6, member2: 8, member3: 10 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 24, dynamic weighted 1:1:1',
    placement: dynamic,
    candidates: members([m(1), 1], [m(2), 1], [m(3), 1]),
    replicas: 24,
    previous: [
      [m(1), 2],
      [m(2), 4],
      [m(3), 6],
    ],
    want: 'failed to scale up: Clusters available replicas 3 are not enough to schedule.',
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 6, aggregated 1:1:1',
    placement: aggregated,
    candidates: members([m(1), 1], [m(2), 1], [m(3), 1]),
    replicas: 6,
    previous: [
      [m(1), 4],
      [m(2), 8],
    ],
    want: [{ member2: 6 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 8, aggregated 100:100',
    placement: aggregated,
    candidates: members([m(1), 100], [m(2), 100]),
    replicas: 8,
    previous: [
      [m(1), 4],
      [m(2), 8],
    ],
    want: [{ member2: 8 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 24, aggregated 4:6:8',
    placement: aggregated,
    candidates: members([m(1), 4], [m(2), 6], [m(3), 8]),
    replicas: 24,
    previous: [
      [m(1), 4],
      [m(2), 8],
    ],
    want: [{ member1: 7, member2: 12, member3: 5 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 24, aggregated 6:6:20',
    placement: aggregated,
    candidates: members([m(1), 6], [m(2), 6], [m(3), 20]),
    replicas: 24,
    previous: [
      [m(1), 4],
      [m(2), 8],
    ],
    want: [{ member1: 10, member2: 14 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 24, aggregated 1:1:1',
    placement: aggregated,
    candidates: members([m(1), 1], [m(2), 1], [m(3), 1]),
    replicas: 24,
    previous: [
      [m(1), 4],
      [m(2), 8],
    ],
    want: 'failed to scale up: Clusters available replicas 3 are not enough to schedule.',
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScale :: replica 12 -> 24, aggregated 4:8:12, with cluster2 disappeared and cluster4 appeared',
    placement: aggregated,
    candidates: members([m(1), 4], [m(3), 8], [m(4), 12]),
    replicas: 24,
    previous: [
      [m(1), 4],
      [m(2), 8],
    ],
    want: [{ member1: 7, member3: 7, member4: 10 }],
  },
  // assignment_test.go Test_dynamicScaleUp (a first schedule unless a previous placement is given).
  {
    cite: 'assignment_test.go :: Test_dynamicScaleUp :: replica 12, dynamic weight 6:8:10',
    placement: dynamic,
    candidates: members([m(1), 6], [m(2), 8], [m(3), 10]),
    replicas: 12,
    want: [{ member1: 3, member2: 4, member3: 5 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScaleUp :: replica 12, dynamic weight 8:8:10',
    placement: dynamic,
    candidates: members([m(1), 8], [m(2), 8], [m(3), 10]),
    replicas: 12,
    want: [{ member1: 4, member2: 4, member3: 4 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScaleUp :: replica 12, dynamic weight 3:3:3',
    placement: dynamic,
    candidates: members([m(1), 3], [m(2), 3], [m(3), 3]),
    replicas: 12,
    want: 'Clusters available replicas 9 are not enough to schedule.',
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScaleUp :: replica 12, aggregated 6:8:10',
    placement: aggregated,
    candidates: members([m(1), 6], [m(2), 8], [m(3), 10]),
    replicas: 12,
    want: [{ member2: 5, member3: 7 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScaleUp :: replica 12, aggregated 12:8:10',
    placement: aggregated,
    candidates: members([m(1), 12], [m(2), 8], [m(3), 10]),
    replicas: 12,
    want: [{ member1: 12 }],
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScaleUp :: replica 12, aggregated 3:3:3',
    placement: aggregated,
    candidates: members([m(1), 3], [m(2), 3], [m(3), 3]),
    replicas: 12,
    want: 'Clusters available replicas 9 are not enough to schedule.',
  },
  {
    cite: 'assignment_test.go :: Test_dynamicScaleUp :: replica 12, dynamic weight 3:3, with cluster3 disappeared and cluster2 appeared',
    placement: dynamic,
    candidates: members([m(1), 3], [m(2), 3]),
    replicas: 12,
    previous: [
      [m(1), 6],
      [m(3), 6],
    ],
    want: [{ member1: 9, member2: 3 }],
  },
  // assignment_test.go Test_assignByDuplicatedStrategy
  {
    cite: 'assignment_test.go :: Test_assignByDuplicatedStrategy :: test with multiple cluster',
    placement: {},
    candidates: members([m(1), 0], [m(2), 0]),
    replicas: 2,
    want: [{ member1: 2, member2: 2 }],
  },
  {
    // assignByDuplicatedStrategy returns an empty list; AssignReplicas, its only caller, fails first.
    cite: 'assignment_test.go :: Test_assignByDuplicatedStrategy :: the target cluster is null',
    placement: {},
    candidates: [],
    replicas: 2,
    want: 'no clusters available to schedule',
  },
  {
    cite: 'assignment_test.go :: Test_assignByDuplicatedStrategy :: replicas is null',
    placement: {},
    candidates: members([m(1), 0], [m(2), 0]),
    replicas: 0,
    hasRequirements: false,
    want: [{ member1: 0, member2: 0 }],
  },
  // common_test.go TestAssignReplicas (without overflow; overflow cases below).
  {
    cite: 'common_test.go :: TestAssignReplicas :: Assign replicas to single cluster',
    placement: weightedDefault,
    candidates: members([m(1), 0]),
    replicas: 3,
    hasRequirements: false,
    want: [{ member1: 3 }],
  },
  {
    cite: 'common_test.go :: TestAssignReplicas :: No clusters available',
    placement: {},
    candidates: [],
    replicas: 1,
    want: 'no clusters available to schedule',
  },
  {
    cite: 'common_test.go :: TestAssignReplicas :: Non-workload scenario (zero replicas)',
    placement: {},
    candidates: members([m(1), 0], [m(2), 0]),
    replicas: 0,
    hasRequirements: false,
    want: [{ member1: 0, member2: 0 }],
  },
];

function divide(c: Case) {
  return divideReplicas(c.candidates, {
    view: viewPlacement(c.placement),
    replicas: c.replicas,
    hasRequirements: c.hasRequirements ?? true,
    previous: (c.previous ?? []).map(([name, replicas]) => ({ name, replicas })),
    tieBreak: c.tieBreak ?? 'NameAscending',
  });
}

describe('Karmada division cases (core/assignment_test.go, division_algorithm_test.go, common_test.go)', () => {
  for (const c of cases) {
    it(c.cite, () => {
      // Where Karmada's answer does not depend on the UID, neither tie-break direction may change it.
      for (const tieBreak of ['NameAscending', 'NameDescending'] as const) {
        const got = divide({ ...c, tieBreak });
        if (typeof c.want === 'string') {
          assert.equal(got.ok, false, `${tieBreak}: expected a failure`);
          assert.ok(!got.ok && got.message.includes(c.want), got.ok ? '' : got.message);
          continue;
        }
        assert.ok(got.ok, got.ok ? '' : got.message);
        const result = Object.fromEntries(got.clusters.map((x) => [x.name, x.replicas]));
        assert.ok(
          c.want.some((w) => JSON.stringify(sortKeys(w)) === JSON.stringify(sortKeys(result))),
          `${tieBreak}: got ${JSON.stringify(result)}, want one of ${JSON.stringify(c.want)}`,
        );
      }
    });
  }

  it('assignment_test.go :: Test_assignByDynamicStrategy_UnschedulableErrorPreserved', () => {
    const got = divide({ cite: '', placement: dynamic, candidates: members([m(1), 3]), replicas: 10, want: '' });
    assert.equal(got.ok ? '' : got.reason, 'Unschedulable');
  });
});

function sortKeys(o: Record<string, number>): [string, number][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
}

// common_test.go TestAssignReplicas overflow cases: tier 0 is the affinity term's own clusters.
describe('Karmada overflow division cases (core/common_test.go :: TestAssignReplicas)', () => {
  const tiered = (name: string, available: number, allocatable: number, order: number): Candidate => ({
    ...candidate(name, available, { assigned: available - allocatable }),
    overflowOrder: order,
  });
  const cases: {
    cite: string;
    candidates: Candidate[];
    replicas: number;
    previous?: [string, number][];
    want: Record<string, number> | string;
  }[] = [
    {
      cite: 'common_test.go :: TestAssignReplicas :: Overflow: primary group has enough capacity, no overflow needed',
      candidates: [tiered(m(1), 10, 10, 0), tiered(m(2), 10, 10, 1)],
      replicas: 5,
      want: { member1: 5 },
    },
    {
      cite: 'common_test.go :: TestAssignReplicas :: Overflow: primary group capacity exhausted, remaining replicas overflow to next tier',
      candidates: [tiered(m(1), 2, 2, 0), tiered(m(2), 10, 10, 1)],
      replicas: 5,
      want: { member1: 2, member2: 3 },
    },
    {
      cite: 'common_test.go :: TestAssignReplicas :: Overflow: all tiers exhausted, scheduling fails',
      candidates: [tiered(m(1), 2, 2, 0), tiered(m(2), 2, 2, 1)],
      replicas: 10,
      want: 'Clusters available replicas are not enough to schedule',
    },
    {
      cite: 'common_test.go :: TestAssignReplicas :: Overflow: AvailableReplicas greater than AllocatableReplicas due to previously assigned replicas',
      candidates: [tiered(m(1), 5, 2, 0), tiered(m(2), 10, 10, 1)],
      replicas: 8,
      previous: [[m(1), 3]],
      want: { member1: 5, member2: 3 },
    },
  ];
  for (const c of cases) {
    it(c.cite, () => {
      const got = divideByOverflow(c.candidates, {
        view: viewPlacement(dynamic),
        replicas: c.replicas,
        hasRequirements: false,
        previous: (c.previous ?? []).map(([name, replicas]) => ({ name, replicas })),
        tieBreak: 'NameAscending',
      });
      if (typeof c.want === 'string') {
        assert.ok(!got.ok && got.message.includes(c.want), got.ok ? 'succeeded' : got.message);
        return;
      }
      assert.ok(got.ok, got.ok ? '' : got.message);
      assert.deepEqual(Object.fromEntries(got.clusters.map((x) => [x.name, x.replicas])), c.want);
    });
  }
});

// helper/webstermethod_test.go TestAllocateWebsterSeats: Karmada's nil tie-breaker (fewer seats, then
// name ascending) is flotilla's NameAscending; the custom `a.Name < b.Name` / `a.Name > b.Name`
// breakers decide single-seat ties as NameAscending / NameDescending.
describe('Karmada Webster cases (helper/webstermethod_test.go :: TestAllocateWebsterSeats)', () => {
  const classic = { PartyA: 100000, PartyB: 80000, PartyC: 30000, PartyD: 20000 };
  const rounds: [number, number, number, number][] = [
    [1, 0, 0, 0],
    [1, 1, 0, 0],
    [2, 1, 0, 0],
    [2, 1, 1, 0],
    [2, 2, 1, 0],
    [2, 2, 1, 1],
    [3, 2, 1, 1],
    [3, 3, 1, 1],
  ];
  const cases: {
    name: string;
    seats: number;
    votes: Record<string, number>;
    initial?: Record<string, number>;
    tie?: TieBreak;
    want: Record<string, number>;
  }[] = [
    ...rounds.map(([a, b, c, d], i) => ({
      name: `classic example, round ${i + 1}`,
      seats: i + 1,
      votes: classic,
      want: { PartyA: a, PartyB: b, PartyC: c, PartyD: d },
    })),
    { name: 'empty party votes, expect nil result', seats: 1, votes: {}, want: {} },
    {
      name: 'party votes not empty, newSeats is 0, expect all seats 0',
      seats: 0,
      votes: { PartyA: 100, PartyB: 200 },
      want: { PartyA: 0, PartyB: 0 },
    },
    { name: 'both party votes and newSeats are 0, expect nil result', seats: 0, votes: {}, want: {} },
    {
      name: 'tie-breaker is nil, expect break tie by seats',
      seats: 1,
      votes: { PartyA: 3, PartyB: 1 },
      initial: { PartyA: 1, PartyB: 0 },
      want: { PartyA: 1, PartyB: 1 },
    },
    {
      name: 'tie-breaker is nil, expect break tie by name',
      seats: 1,
      votes: { PartyA: 1, PartyB: 1 },
      want: { PartyA: 1, PartyB: 0 },
    },
    {
      name: 'custom tie-breaker returns true, expect custom tie-breaker controls seat',
      seats: 1,
      votes: { PartyA: 1, PartyB: 1 },
      tie: 'NameAscending',
      want: { PartyA: 1, PartyB: 0 },
    },
    {
      name: 'custom tie-breaker returns false, expect custom tie-breaker controls seat',
      seats: 1,
      votes: { PartyA: 1, PartyB: 1 },
      tie: 'NameDescending',
      want: { PartyA: 0, PartyB: 1 },
    },
    {
      name: 'non-initial allocation, new party joins, only new party gets new seats',
      seats: 2,
      votes: { NewParty1: 1, NewParty2: 1 },
      initial: { OldParty: 0 },
      want: { NewParty1: 1, NewParty2: 1, OldParty: 0 },
    },
    {
      name: 'non-initial allocation, both new and old parties compete for new seats',
      seats: 2,
      votes: { OldParty: 1, NewParty: 1 },
      initial: { OldParty: 1 },
      want: { NewParty: 2, OldParty: 1 },
    },
    {
      name: 'non-initial allocation, initialAssignments party not in partyVotes, expect no new seats for that party',
      seats: 2,
      votes: { PartyA: 100 },
      initial: { PartyB: 3 },
      want: { PartyA: 2, PartyB: 3 },
    },
  ];
  for (const c of cases) {
    it(`webstermethod_test.go :: TestAllocateWebsterSeats :: ${c.name}`, () => {
      const got = allocateWebsterSeats(
        c.seats,
        Object.entries(c.votes).map(([name, weight]) => ({ name, weight })),
        Object.entries(c.initial ?? {}).map(([name, replicas]) => ({ name, replicas })),
        c.tie ?? 'NameAscending',
      );
      // Karmada returns the parties sorted by name.
      assert.deepEqual(
        got.map((g) => g.name),
        Object.keys(c.want).sort(),
      );
      assert.deepEqual(Object.fromEntries(got.map((g) => [g.name, g.replicas])), c.want);
    });
  }
});

// helper/binding_test.go: the Dispenser (AllocateByWeight) and SpreadReplicasByTargetClusters. An
// empty UID sorts name-ascending; evenUID hashes even (ascending), oddUID odd (descending).
describe('Karmada dispenser cases (helper/binding_test.go)', () => {
  const cases: {
    cite: string;
    seats: number;
    weights: Record<string, number>;
    initial?: Record<string, number>;
    tie?: TieBreak;
    wants: Record<string, number>[];
  }[] = [
    {
      cite: 'Test_dispenser_AllocateByWeight :: Scale up 6 replicas',
      seats: 6,
      weights: { A: 1, B: 2, C: 3 },
      initial: { A: 1, B: 2, C: 3 },
      wants: [{ A: 2, B: 4, C: 6 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: Scale up 3 replicas',
      seats: 3,
      weights: { A: 1, B: 2, C: 3 },
      initial: { A: 1, B: 2, C: 3 },
      wants: [{ A: 2, B: 3, C: 4 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: Scale up 2 replicas',
      seats: 2,
      weights: { A: 1, B: 2, C: 3 },
      initial: { A: 1, B: 2, C: 3 },
      wants: [{ A: 1, B: 3, C: 4 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: HA scenario with weight 2:1: assign 1 replica',
      seats: 1,
      weights: { A: 2, B: 1 },
      wants: [{ A: 1, B: 0 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: HA scenario with weight 2:1: assign 2 replicas',
      seats: 2,
      weights: { A: 2, B: 1 },
      wants: [{ A: 1, B: 1 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: HA scenario with weight 2:1: assign 3 replicas',
      seats: 3,
      weights: { A: 2, B: 1 },
      wants: [{ A: 2, B: 1 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: brand new assign 5 replicas',
      seats: 5,
      weights: { A: 170, B: 110, C: 60 },
      wants: [{ A: 2, B: 2, C: 1 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: brand new assign 6 replicas',
      seats: 6,
      weights: { A: 170, B: 110, C: 60 },
      wants: [{ A: 3, B: 2, C: 1 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: brand new assign 5 replicas with odd uuid',
      seats: 5,
      weights: { A: 1, B: 1 },
      tie: 'NameDescending',
      wants: [{ A: 2, B: 3 }],
    },
    {
      cite: 'Test_dispenser_AllocateByWeight :: brand new assign 5 replicas with even uuid',
      seats: 5,
      weights: { A: 1, B: 1 },
      tie: 'NameAscending',
      wants: [{ A: 3, B: 2 }],
    },
    {
      cite: 'TestDispenseReplicasByTargetClusters :: empty clusters',
      seats: 10,
      weights: {},
      wants: [{}],
    },
    {
      cite: 'TestDispenseReplicasByTargetClusters :: 1 cluster, 5 replicas, 10 sum',
      seats: 10,
      weights: { member1: 5 },
      wants: [{ member1: 10 }],
    },
    {
      cite: 'TestDispenseReplicasByTargetClusters :: 3 cluster, 1:1:1, 12 sum',
      seats: 12,
      weights: { member1: 5, member2: 5, member3: 5 },
      wants: [{ member1: 4, member2: 4, member3: 4 }],
    },
    {
      cite: 'TestDispenseReplicasByTargetClusters :: 3 cluster, 1:1:1, 10 sum',
      seats: 10,
      weights: { member1: 5, member2: 5, member3: 5 },
      wants: [
        { member1: 4, member2: 3, member3: 3 },
        { member1: 3, member2: 4, member3: 3 },
        { member1: 3, member2: 3, member3: 4 },
      ],
    },
    {
      cite: 'TestDispenseReplicasByTargetClusters :: 3 cluster, 1:2:3, 13 sum',
      seats: 13,
      weights: { member1: 1, member2: 2, member3: 3 },
      wants: [{ member1: 2, member2: 4, member3: 7 }],
    },
  ];
  for (const c of cases) {
    it(`binding_test.go :: ${c.cite}`, () => {
      const ties: readonly TieBreak[] = c.tie ? [c.tie] : ['NameAscending', 'NameDescending'];
      for (const tie of ties) {
        const got = allocateWebsterSeats(
          c.seats,
          Object.entries(c.weights).map(([name, weight]) => ({ name, weight })),
          Object.entries(c.initial ?? {}).map(([name, replicas]) => ({ name, replicas })),
          tie,
        );
        const result = JSON.stringify(got.map((g) => [g.name, g.replicas]));
        assert.ok(
          c.wants.some((w) => JSON.stringify(sortKeys(w)) === result),
          `${tie}: got ${result}, want one of ${JSON.stringify(c.wants)}`,
        );
      }
    });
  }
});
