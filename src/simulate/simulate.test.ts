import assert from 'node:assert/strict';
import type { Cluster, Placement, TargetCluster } from '../api/index.ts';
import { buildBinding, type Binding } from '../plan/binding.ts';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import { createSimulator } from './simulate.ts';
import { scenarioOf } from './scenario.ts';
import type { LossReason, ScenarioImpact } from './types.ts';

/** A Deployment's binding with its placement and current clusters (1 cpu a replica). */
function workload(name: string, placement: Placement, clusters: readonly [string, number][]): Binding {
  const replicas =
    placement.replicaScheduling?.replicaSchedulingType === 'Duplicated'
      ? (clusters[0]?.[1] ?? 0)
      : clusters.reduce((s, [, n]) => s + n, 0);
  const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name };
  return buildBinding({
    template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' } },
    resource,
    annotations: {},
    replicas,
    requirements: { resourceRequest: { cpu: '1' } },
    clusters: clusters.map(([n, r]): TargetCluster => ({ name: n, replicas: r })),
    placement,
    propagateDeps: false,
    requiredBy: [],
    condition: { type: 'Scheduled', status: 'True', reason: 'Success' },
    affinityName: undefined,
  });
}

const names = (...n: string[]) => ({ clusterAffinity: { clusterNames: n } });
const dynamic = {
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Weighted',
    weightPreference: { dynamicWeight: 'AvailableReplicas' },
  },
} as const;
const duplicated = { replicaScheduling: { replicaSchedulingType: 'Duplicated' } } as const;
const roomy = (name: string, region = 'r1'): Cluster => cluster(name, { region, freeCpu: 40 });
const fail = (key: 'cluster' | 'region', value: string) => scenarioOf([{ key, value }]);

/** A compact form of the impact: per workload verdict, moves, lost and loss reason kinds. */
function brief(r: ScenarioImpact): string[] {
  return r.workloads.map(
    (w) =>
      `${w.resource.name} ${w.verdict} kept ${w.kept} moved ${w.moved.map((m) => `${m.from}>${m.to}:${m.replicas}`).join(',') || '-'} lost ${w.lost}${w.reasons.length ? ` ${w.reasons.map((x: LossReason) => x.kind).join(',')}` : ''}`,
  );
}

const cases: readonly {
  name: string;
  clusters: Cluster[];
  bindings: Binding[];
  scenario: ReturnType<typeof fail>;
  want: string[];
}[] = [
  {
    name: "a Divided workload moves the failed cluster's replicas to the survivors",
    clusters: [roomy('a'), roomy('b'), roomy('c')],
    bindings: [
      workload('web', { ...names('a', 'b', 'c'), ...dynamic }, [
        ['a', 2],
        ['b', 2],
        ['c', 2],
      ]),
    ],
    scenario: fail('cluster', 'c'),
    want: ['web moved kept 4 moved c>a:1,c>b:1 lost 0'],
  },
  {
    name: 'NoFallback: the policy names only the failed cluster',
    clusters: [roomy('a'), roomy('c')],
    bindings: [workload('pinned', { ...names('c'), ...dynamic }, [['c', 3]])],
    scenario: fail('cluster', 'c'),
    want: ['pinned down kept 0 moved - lost 3 NoFallback'],
  },
  {
    name: 'NoFallback: a Duplicated copy on the failed cluster has no replacement',
    clusters: [roomy('a'), roomy('b')],
    bindings: [
      workload('agent', { ...names('a', 'b'), ...duplicated }, [
        ['a', 2],
        ['b', 2],
      ]),
    ],
    scenario: fail('cluster', 'b'),
    want: ['agent degraded kept 2 moved - lost 2 NoFallback'],
  },
  {
    name: "InsufficientCapacity: the survivors' available replicas are fewer than the replicas to place (scheduler)",
    clusters: [cluster('a', { freeCpu: 2 }), roomy('c')],
    bindings: [workload('big', { ...names('a', 'c'), ...dynamic }, [['c', 5]])],
    scenario: fail('cluster', 'c'),
    want: ['big down kept 0 moved - lost 5 InsufficientCapacity'],
  },
  {
    name: 'InsufficientCapacity: two workloads both count on the same free room (ledger)',
    clusters: [cluster('a', { freeCpu: 10 }), roomy('c')],
    bindings: [
      workload('one', { ...names('a', 'c'), ...dynamic }, [['c', 6]]),
      workload('two', { ...names('a', 'c'), ...dynamic }, [['c', 6]]),
    ],
    scenario: fail('cluster', 'c'),
    want: ['one moved kept 0 moved c>a:6 lost 0', 'two degraded kept 0 moved c>a:6 lost 2 InsufficientCapacity'],
  },
  {
    name: 'SpreadUnsatisfiable: two regions are required and only one survives',
    clusters: [roomy('a', 'r1'), roomy('b', 'r2'), roomy('c', 'r2')],
    bindings: [
      workload(
        'spread',
        {
          ...names('a', 'b', 'c'),
          ...dynamic,
          spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 2 }],
        },
        [
          ['a', 2],
          ['b', 2],
        ],
      ),
    ],
    scenario: fail('region', 'r1'),
    want: ['spread degraded kept 2 moved - lost 2 SpreadUnsatisfiable'],
  },
  {
    name: 'ToleratesFailure: a toleration without seconds keeps the replicas on the failed cluster',
    clusters: [roomy('a'), roomy('c')],
    bindings: [
      workload(
        'sticky',
        {
          ...names('a', 'c'),
          ...dynamic,
          clusterTolerations: [{ key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
        },
        [
          ['a', 2],
          ['c', 2],
        ],
      ),
    ],
    scenario: fail('cluster', 'c'),
    want: ['sticky degraded kept 2 moved - lost 2 ToleratesFailure'],
  },
  {
    name: 'a toleration with seconds only delays the eviction: the replicas move',
    clusters: [roomy('a'), roomy('c')],
    bindings: [
      workload(
        'patient',
        {
          ...names('a', 'c'),
          ...dynamic,
          clusterTolerations: [
            { key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
          ],
        },
        [
          ['a', 2],
          ['c', 2],
        ],
      ),
    ],
    scenario: fail('cluster', 'c'),
    want: ['patient moved kept 2 moved c>a:2 lost 0'],
  },
  {
    name: 'a survivor without a resourceSummary has unknown capacity: its moves are not checked',
    clusters: [cluster('a'), roomy('c')],
    bindings: [
      workload(
        'static',
        {
          ...names('a', 'c'),
          replicaScheduling: {
            replicaSchedulingType: 'Divided',
            replicaDivisionPreference: 'Weighted',
            weightPreference: {
              staticWeightList: [
                { targetCluster: { clusterNames: ['a'] }, weight: 1 },
                { targetCluster: { clusterNames: ['c'] }, weight: 1 },
              ],
            },
          },
        },
        [
          ['a', 2],
          ['c', 2],
        ],
      ),
    ],
    scenario: fail('cluster', 'c'),
    want: ['static moved kept 2 moved c>a:2 lost 0'],
  },
  {
    name: 'a workload with nothing on the failed clusters is not affected',
    clusters: [roomy('a'), roomy('b'), roomy('c')],
    bindings: [
      workload('elsewhere', { ...names('a', 'b'), ...dynamic }, [
        ['a', 1],
        ['b', 1],
      ]),
    ],
    scenario: fail('cluster', 'c'),
    want: [],
  },
];

describe('simulate: what a failure does to each workload', () => {
  for (const c of cases) {
    it(c.name, () =>
      assert.deepEqual(
        brief(createSimulator({ clusters: c.clusters, bindings: c.bindings }).simulate(c.scenario)),
        c.want,
      ),
    );
  }
  it('charges the moved replicas to the survivors: capacity used before and after', () => {
    const r = createSimulator({
      clusters: [cluster('a', { freeCpu: 10 }), roomy('c')],
      bindings: [workload('one', { ...names('a', 'c'), ...dynamic }, [['c', 6]])],
    }).simulate(fail('cluster', 'c'));
    assert.deepEqual(
      r.clusters.map((l) => [l.cluster, l.movedIn, l.cpu]),
      [['a', 6, { allocatable: 64000, before: 54000, after: 60000 }]],
    );
    assert.deepEqual(r.summary, {
      failedClusters: 1,
      affectedWorkloads: 1,
      movedReplicas: 6,
      lostReplicas: 0,
      degradedWorkloads: 0,
      downWorkloads: 0,
    });
  });
  it('the same input gives the same impact, whatever the order of clusters and bindings (D3)', () => {
    const c = cases[4];
    assert.ok(c);
    const one = createSimulator({ clusters: c.clusters, bindings: c.bindings }).simulate(c.scenario);
    const two = createSimulator({ clusters: c.clusters.toReversed(), bindings: c.bindings.toReversed() }).simulate(
      c.scenario,
    );
    assert.deepEqual(two, one);
  });
  it("explains one binding's failover: the eviction verdicts and the new schedule", () => {
    const sim = createSimulator({
      clusters: [roomy('a'), roomy('b'), roomy('c')],
      bindings: [
        workload('web', { ...names('a', 'b', 'c'), ...dynamic }, [
          ['a', 2],
          ['b', 2],
          ['c', 2],
        ]),
      ],
    });
    const e = sim.explain(fail('cluster', 'c'), 'apps/v1|Deployment|default|web' as never);
    assert.deepEqual([e?.verdicts.map((v) => `${v.kind}@${v.cluster}`), e?.result.kind], [['evict@c'], 'Scheduled']);
    assert.equal(sim.explain(fail('cluster', 'nowhere'), 'apps/v1|Deployment|default|web' as never), undefined);
  });
});
