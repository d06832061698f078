/**
 * Filter and score plugins, and the generic scheduler's assignment cases, checked case by case
 * against Karmada's own unit tests (facts only). Each case cites `<Go file> :: <test function> :: <case name>`.
 *
 * Skipped as Go plumbing: every plugin's TestNew and Test<Plugin>_Name (constructors and name
 * constants), clusteraffinity TestClusterAffinity_ScoreExtensions / _NormalizeScore and
 * clusterlocality TestClusterLocality_ScoreExtensions (interface wiring; flotilla's only score is
 * ClusterLocality's). Skipped as an option flotilla does not offer: core/util_test.go
 * Test_attachZeroReplicasCluster (used only under the scheduler flag
 * --enable-empty-workload-propagation, off by default).
 */
import assert from 'node:assert/strict';
import type { Cluster, ClusterAffinity, Placement, Toleration } from '../api/index.ts';
import { divideReplicas } from './division.ts';
import { filterApiEnablement } from './filters/api-enablement.ts';
import { filterClusterAffinity } from './filters/cluster-affinity.ts';
import { filterClusterEviction } from './filters/cluster-eviction.ts';
import type { FilterInput, FilterVerdict } from './filters/index.ts';
import { filterSpreadConstraint } from './filters/spread-constraint.ts';
import { filterTaintToleration } from './filters/taint-toleration.ts';
import { candidate, cluster } from './fixtures.test-support.ts';
import { indexFleet } from './fleet-index.ts';
import { createScheduler } from './index.ts';
import { viewPlacement } from './placement.ts';
import { selectClusters } from './spread/select-clusters.ts';

const input = (o: Partial<FilterInput> = {}): FilterInput => ({
  gvk: 'apps/v1|Deployment',
  affinity: undefined,
  tolerations: [],
  spread: [],
  ...o,
});
const indexed = (c: Cluster) => {
  const ic = indexFleet([c]).clusters[0];
  if (ic === undefined) throw new Error('unreachable');
  return ic;
};
const history = (inPrevious = false, evicting = false) => ({ inPrevious, evicting });
const outcome = (v: FilterVerdict) => (v.kind === 'Feasible' ? 'Success' : v.reason);

describe('Karmada plugin cases (pkg/scheduler/framework/plugins)', () => {
  const deployOnly = cluster('cluster1', { apis: ['apps/v1|Deployment'] });
  const apiCases: { name: string; gvk: string; inPrevious?: boolean; want: string }[] = [
    { name: 'API is enabled in cluster', gvk: 'apps/v1|Deployment', want: 'Success' },
    {
      name: 'API is not enabled in cluster',
      gvk: 'custom.io/v1|CustomResource',
      want: 'cluster(s) did not have the API resource',
    },
    {
      name: 'cluster in target list with API not enabled',
      gvk: 'custom.io/v1|CustomResource',
      inPrevious: true,
      want: 'Success',
    },
  ];
  for (const c of apiCases) {
    it(`api_enablement_test.go :: TestAPIEnablement_Filter :: ${c.name}`, () => {
      const v = filterApiEnablement(input({ gvk: c.gvk }), indexed(deployOnly), history(c.inPrevious));
      assert.equal(outcome(v), c.want);
    });
  }

  const affinityCases: { name: string; affinity?: ClusterAffinity; want: string }[] = [
    { name: 'matching affinity', affinity: { clusterNames: ['cluster1'] }, want: 'Success' },
    {
      name: 'non-matching affinity',
      affinity: { clusterNames: ['cluster2'] },
      want: 'cluster(s) did not match the placement cluster affinity constraint',
    },
    // The term named by schedulerObservingAffinityName is the one being tried.
    { name: 'matching affinity from ClusterAffinities', affinity: { clusterNames: ['cluster1'] }, want: 'Success' },
    { name: 'no affinity specified', want: 'Success' },
  ];
  for (const c of affinityCases) {
    it(`cluster_affinity_test.go :: TestClusterAffinity_Filter :: ${c.name}`, () => {
      const v = filterClusterAffinity(input({ affinity: c.affinity }), indexed(cluster('cluster1')));
      assert.equal(outcome(v), c.want);
    });
  }
  it('cluster_affinity_test.go :: TestClusterAffinity_Filter :: matching affinity from ClusterAffinities (through the scheduler)', () => {
    const s = createScheduler([cluster('cluster1'), cluster('cluster2')]);
    const r = s.schedule({
      resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' },
      placement: { clusterAffinities: [{ affinityName: 'affinity1', clusterNames: ['cluster1'] }] },
      replicas: 0,
      observedAffinityName: 'affinity1',
    });
    assert.equal(r.kind, 'Scheduled');
    assert.deepEqual(r.kind === 'Scheduled' ? r.clusters.map((c) => c.name) : [], ['cluster1']);
  });

  const evictionCases: { name: string; evicting: boolean; want: string }[] = [
    { name: 'cluster is in graceful eviction tasks', evicting: true, want: 'cluster(s) is in the process of eviction' },
    { name: 'cluster is not in graceful eviction tasks', evicting: false, want: 'Success' },
    { name: 'no graceful eviction tasks', evicting: false, want: 'Success' },
  ];
  for (const c of evictionCases) {
    it(`cluster_eviction_test.go :: TestClusterEviction_Filter :: ${c.name}`, () => {
      assert.equal(outcome(filterClusterEviction(history(false, c.evicting))), c.want);
    });
  }
  it('cluster_eviction_test.go :: TestClusterEviction_Filter :: cluster is in graceful eviction tasks (through the scheduler)', () => {
    const s = createScheduler([cluster('cluster1'), cluster('cluster2')]);
    const r = s.schedule({
      resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' },
      placement: {},
      replicas: 0,
      evictingClusters: ['cluster1'],
    });
    assert.deepEqual(r.kind === 'Scheduled' ? r.clusters.map((c) => c.name) : [], ['cluster2']);
  });

  // ClusterLocality: 100 (MaxClusterScore) for a cluster in the binding's clusters, else 0.
  const localityCases: { name: string; previous: string[]; want: number }[] = [
    { name: 'no clusters in spec', previous: [], want: 0 },
    { name: 'cluster in spec', previous: ['cluster1', 'cluster2'], want: 100 },
    { name: 'cluster not in spec', previous: ['cluster2', 'cluster3'], want: 0 },
  ];
  for (const c of localityCases) {
    it(`cluster_locality_test.go :: TestClusterLocality_Score :: ${c.name}`, () => {
      const s = createScheduler([cluster('cluster1'), cluster('cluster2'), cluster('cluster3')]);
      const r = s.schedule({
        resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' },
        placement: {},
        replicas: 0,
        previous: c.previous.map((name) => ({ name, replicas: 0 })),
      });
      const scored = r.explanation.attempts[0]?.scores.scored ?? [];
      assert.equal(scored.find((x) => x.cluster === 'cluster1')?.score ?? 0, c.want);
    });
  }

  const spreadCases: { name: string; field?: 'provider' | 'region' | 'zone'; spec?: Cluster['spec']; want: string }[] =
    [
      { name: 'no spread constraints', want: 'Success' },
      { name: 'spread by provider - provider present', field: 'provider', spec: { provider: 'aws' }, want: 'Success' },
      {
        name: 'spread by provider - provider missing',
        field: 'provider',
        want: 'cluster(s) did not have provider property',
      },
      { name: 'spread by region - region present', field: 'region', spec: { region: 'us-west-2' }, want: 'Success' },
      { name: 'spread by region - region missing', field: 'region', want: 'cluster(s) did not have region property' },
      { name: 'spread by zone - zones present', field: 'zone', spec: { zones: ['us-west-2a'] }, want: 'Success' },
      { name: 'spread by zone - zones missing', field: 'zone', want: 'cluster(s) did not have zones property' },
    ];
  for (const c of spreadCases) {
    it(`spread_constraint_test.go :: TestSpreadConstraint_Filter :: ${c.name}`, () => {
      const spread = viewPlacement({ spreadConstraints: c.field ? [{ spreadByField: c.field }] : [] }).spread;
      const v = filterSpreadConstraint(input({ spread }), indexed(cluster('cluster1', c.spec ?? {})));
      assert.equal(outcome(v), c.want);
    });
  }

  const taint = { key: 'key1', value: 'value1', effect: 'NoSchedule' as const };
  const taintCases: {
    name: string;
    taints: (typeof taint)[];
    tolerations?: Toleration[];
    inPrevious?: boolean;
    want: string;
  }[] = [
    { name: 'cluster already in target clusters', taints: [taint], inPrevious: true, want: 'Success' },
    { name: 'no taints', taints: [], want: 'Success' },
    {
      name: 'tolerated taint',
      taints: [taint],
      tolerations: [{ key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }],
      want: 'Success',
    },
    {
      name: 'untolerated taint',
      taints: [taint],
      want: 'cluster(s) had untolerated taint {key1=value1:NoSchedule}',
    },
  ];
  for (const c of taintCases) {
    it(`taint_toleration_test.go :: TestTaintToleration_Filter :: ${c.name}`, () => {
      const v = filterTaintToleration(
        input({ tolerations: c.tolerations ?? [] }),
        indexed(cluster('cluster1', { taints: c.taints })),
        history(c.inPrevious),
      );
      assert.equal(outcome(v), c.want);
    });
  }
});

// common_test.go TestSelectClusters: scores 10/20/15 are plugin totals; flotilla's candidates carry them.
describe('Karmada core/common_test.go :: TestSelectClusters', () => {
  const ranked = (list: [string, number][]) =>
    list.map(([n, s]) => candidate(n, 0, { score: s })).sort((a, b) => b.score - a.score);
  const cases: { name: string; list: [string, number][]; placement: Placement; want: string[] }[] = [
    {
      name: 'select all clusters',
      list: [
        ['cluster1', 10],
        ['cluster2', 20],
      ],
      placement: {},
      want: ['cluster1', 'cluster2'],
    },
    {
      name: 'select top 1 cluster',
      list: [
        ['cluster1', 10],
        ['cluster2', 20],
        ['cluster3', 15],
      ],
      placement: {
        clusterAffinity: { clusterNames: ['cluster1', 'cluster2', 'cluster3'] },
        spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 1 }],
      },
      want: ['cluster2'],
    },
    {
      name: 'select clusters with affinity',
      list: [
        ['cluster1', 10],
        ['cluster3', 15],
      ],
      placement: { clusterAffinity: { clusterNames: ['cluster1', 'cluster3'] } },
      want: ['cluster1', 'cluster3'],
    },
  ];
  for (const c of cases) {
    it(`common_test.go :: TestSelectClusters :: ${c.name}`, () => {
      const got = selectClusters(ranked(c.list), viewPlacement(c.placement), 0);
      assert.ok(got.ok, got.ok ? '' : got.message);
      assert.deepEqual(got.clusters.map((x) => x.name).sort(), c.want);
    });
  }
  it('common_test.go :: TestSelectClusters :: select clusters with overflow affinities', () => {
    // Both clusters score 0 in flotilla (no previous placement); the term's own cluster ranks first
    // (overflow order 0) and maxGroups 1 keeps it, whatever its score against the overflow cluster.
    const s = createScheduler([cluster('cluster1', { freeCpu: 10 }), cluster('cluster2', { freeCpu: 10 })]);
    const r = s.schedule({
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'd' },
      placement: {
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: { dynamicWeight: 'AvailableReplicas' },
        },
        spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }],
        clusterAffinities: [
          {
            affinityName: 'affinity1',
            clusterNames: ['cluster1'],
            overflowAffinities: [{ affinityName: 'overflow', clusterNames: ['cluster2'] }],
          },
        ],
      },
      replicas: 1,
      requirements: { resourceRequest: { cpu: '1' } },
      observedAffinityName: 'affinity1',
    });
    assert.equal(r.kind, 'Scheduled', r.kind === 'Scheduled' ? '' : r.message);
    assert.deepEqual(r.kind === 'Scheduled' ? r.clusters.map((c) => c.name) : [], ['cluster1']);
  });
});

// generic_scheduler_test.go Test_DistributionOfReplicas: static weights, each run a first schedule
// ("before change" and "after change" are two independent schedules). Karmada's tests use an
// empty UID, which breaks Webster ties name-ascending; a real UID may break them name-descending.
describe('Karmada core/generic_scheduler_test.go :: Test_DistributionOfReplicas', () => {
  const weights = (...w: number[]): Placement => ({
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: {
        staticWeightList: w.map((weight, i) => ({ targetCluster: { clusterNames: [`member${i + 1}`] }, weight })),
      },
    },
  });
  const cases: { name: string; clusters: number; replicas: number; placement: Placement; want: number[] }[] = [
    { name: 'replica 3, static weighted 1:1', clusters: 2, replicas: 3, placement: weights(1, 1), want: [2, 1] },
    {
      name: 'replica 3, static weighted 1:1:1, change replicas from 3 to 5, before change',
      clusters: 3,
      replicas: 3,
      placement: weights(1, 1, 1),
      want: [1, 1, 1],
    },
    {
      name: 'replica 3, static weighted 1:1:1, change replicas from 3 to 5, after change',
      clusters: 3,
      replicas: 5,
      placement: weights(1, 1, 1),
      want: [2, 2, 1],
    },
    {
      name: 'replica 7, static weighted 2:1:1:1, change replicas from 7 to 8, before change',
      clusters: 4,
      replicas: 7,
      placement: weights(2, 1, 1, 1),
      want: [3, 2, 1, 1],
    },
    {
      name: 'replica 7, static weighted 2:1:1:1, change replicas from 7 to 8, after change',
      clusters: 4,
      replicas: 8,
      placement: weights(2, 1, 1, 1),
      want: [3, 2, 2, 1],
    },
    {
      name: 'replica 9, static weighted 2:1:1:1, change replicas from 9 to 8, before change',
      clusters: 4,
      replicas: 9,
      placement: weights(2, 1, 1, 1),
      want: [3, 2, 2, 2],
    },
    {
      name: 'replica 9, static weighted 2:1:1:1, change replicas from 9 to 8, after change',
      clusters: 4,
      replicas: 8,
      placement: weights(2, 1, 1, 1),
      want: [3, 2, 2, 1],
    },
    {
      name: 'replica 6, static weighted 1:1:1:1, change static weighted from 1:1:1:1 to 2:1:1:1, before change',
      clusters: 4,
      replicas: 6,
      placement: weights(1, 1, 1, 1),
      want: [2, 2, 1, 1],
    },
    {
      name: 'replica 6, static weighted 1:1:1:1, change static weighted from 1:1:1:1 to 2:1:1:1, after change',
      clusters: 4,
      replicas: 6,
      placement: weights(2, 1, 1, 1),
      want: [3, 1, 1, 1],
    },
    {
      name: 'replica 5, static weighted 1:1:1, add a new cluster and change static weight to 1:1:1:1, before change',
      clusters: 3,
      replicas: 5,
      placement: weights(1, 1, 1),
      want: [2, 2, 1],
    },
    {
      name: 'replica 5, static weighted 1:1:1, add a new cluster and change static weight to 1:1:1:1, after change',
      clusters: 4,
      replicas: 5,
      placement: weights(1, 1, 1, 1),
      want: [2, 1, 1, 1],
    },
    {
      name: 'replica 6, static weighted 1:1:1:1, remove a cluster and change static weight to 1:1:1, before change',
      clusters: 4,
      replicas: 6,
      placement: weights(1, 1, 1, 1),
      want: [2, 2, 1, 1],
    },
    {
      name: 'replica 6, static weighted 1:1:1:1, remove a cluster and change static weight to 1:1:1, after change',
      clusters: 3,
      replicas: 6,
      placement: weights(1, 1, 1),
      want: [2, 2, 2],
    },
  ];
  for (const c of cases) {
    it(`generic_scheduler_test.go :: Test_DistributionOfReplicas :: ${c.name}`, () => {
      const candidates = Array.from({ length: c.clusters }, (_, i) => candidate(`member${i + 1}`, 0));
      const got = divideReplicas(candidates, {
        view: viewPlacement(c.placement),
        replicas: c.replicas,
        hasRequirements: false,
        previous: [],
        tieBreak: 'NameAscending',
      });
      assert.ok(got.ok, got.ok ? '' : got.message);
      const want = c.want.map((replicas, i) => ({ name: `member${i + 1}`, replicas })).filter((w) => w.replicas > 0);
      assert.deepEqual(got.clusters, want);
    });
  }
});
