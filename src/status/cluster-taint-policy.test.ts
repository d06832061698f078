import assert from 'node:assert/strict';
import type { Cluster, ClusterTaintPolicy, MatchCondition, Taint } from '../api/index.ts';
import { applyTaintPolicies, conditionMatches } from './cluster-taint-policy.ts';
import type { ClusterHealthState } from './cluster-health.ts';
import { defaultEvictionSettings } from './eviction-task.ts';
import { decideFailover } from './failover.ts';
import { defaultHealthSettings } from './ready-condition.ts';

const cond = (type: string, status: 'True' | 'False' | 'Unknown') => ({ type, status });
const m = (
  conditionType: string,
  operator: 'In' | 'NotIn',
  statusValues: ('True' | 'False' | 'Unknown')[],
): MatchCondition => ({ conditionType, operator, statusValues });

// Karmada pkg/controllers/taint/clustertaintpolicy_controller.go conditionMatches (and its _test.go cases).
describe('status/conditionMatches (ClusterTaintPolicy)', () => {
  const cases: {
    name: string;
    conditions: ReturnType<typeof cond>[];
    match: MatchCondition[] | undefined;
    want: boolean;
  }[] = [
    { name: 'no match conditions never match', conditions: [cond('Ready', 'False')], match: [], want: false },
    {
      name: 'In matches the status',
      conditions: [cond('Ready', 'False')],
      match: [m('Ready', 'In', ['False', 'Unknown'])],
      want: true,
    },
    {
      name: 'In does not match another status',
      conditions: [cond('Ready', 'True')],
      match: [m('Ready', 'In', ['False'])],
      want: false,
    },
    {
      name: 'NotIn matches another status',
      conditions: [cond('Ready', 'True')],
      match: [m('Ready', 'NotIn', ['False'])],
      want: true,
    },
    {
      name: 'NotIn does not match a listed status',
      conditions: [cond('Ready', 'False')],
      match: [m('Ready', 'NotIn', ['False'])],
      want: false,
    },
    {
      name: 'a condition the cluster lacks matches neither In nor NotIn',
      conditions: [cond('Ready', 'True')],
      match: [m('NetworkAvailable', 'NotIn', ['True'])],
      want: false,
    },
    {
      name: 'all must match (ANDed)',
      conditions: [cond('Ready', 'False'), cond('Disk', 'True')],
      match: [m('Ready', 'In', ['False']), m('Disk', 'In', ['False'])],
      want: false,
    },
    {
      name: 'all match',
      conditions: [cond('Ready', 'False'), cond('Disk', 'False')],
      match: [m('Ready', 'In', ['False']), m('Disk', 'In', ['False'])],
      want: true,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(conditionMatches(c.conditions, c.match), c.want));
});

const cluster = (name: string, labels: Record<string, string> = {}): Cluster => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name, labels },
});
const policy = (name: string, spec: Partial<ClusterTaintPolicy['spec']>): ClusterTaintPolicy => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'ClusterTaintPolicy',
  metadata: { name },
  spec: {
    taints: [{ key: 'not-ready', effect: 'NoExecute' }],
    addOnConditions: [m('Ready', 'In', ['False'])],
    removeOnConditions: [m('Ready', 'In', ['True'])],
    ...spec,
  },
});
const now = '2026-01-01T00:00:00Z';
const t = (key: string, effect: Taint['effect'], timeAdded?: string): Taint => ({
  key,
  effect,
  ...(timeAdded ? { timeAdded } : {}),
});

// Karmada clustertaintpolicy_controller.go Reconcile, addTaintsOnCluster, removeTaintsFromCluster.
describe('status/applyTaintPolicies', () => {
  const cases: {
    name: string;
    conditions: ReturnType<typeof cond>[];
    taints?: Taint[];
    specTaints?: Taint[];
    policies: ClusterTaintPolicy[];
    labels?: Record<string, string>;
    want: { taints: Taint[]; added: Taint[]; removed: Taint[] };
  }[] = [
    {
      name: 'add-on conditions match: the taint is added at now',
      conditions: [cond('Ready', 'False')],
      policies: [policy('p', {})],
      want: { taints: [t('not-ready', 'NoExecute', now)], added: [t('not-ready', 'NoExecute', now)], removed: [] },
    },
    {
      name: 'a taint already there keeps its time',
      conditions: [cond('Ready', 'False')],
      taints: [t('not-ready', 'NoExecute', 'earlier')],
      policies: [policy('p', {})],
      want: { taints: [t('not-ready', 'NoExecute', 'earlier')], added: [], removed: [] },
    },
    {
      name: 'a taint written in git counts as there (not added twice) and is never removed',
      conditions: [cond('Ready', 'False')],
      specTaints: [t('not-ready', 'NoExecute')],
      policies: [policy('p', {})],
      want: { taints: [], added: [], removed: [] },
    },
    {
      name: 'remove-on conditions match: the taint is removed',
      conditions: [cond('Ready', 'True')],
      taints: [t('not-ready', 'NoExecute', 'earlier')],
      policies: [policy('p', {})],
      want: { taints: [], added: [], removed: [t('not-ready', 'NoExecute', 'earlier')] },
    },
    {
      name: 'a cluster targetClusters does not select is left alone',
      conditions: [cond('Ready', 'False')],
      labels: { env: 'dev' },
      policies: [policy('p', { targetClusters: { labelSelector: { matchLabels: { env: 'prod' } } } })],
      want: { taints: [], added: [], removed: [] },
    },
    {
      name: 'a selected cluster is tainted',
      conditions: [cond('Ready', 'False')],
      labels: { env: 'prod' },
      policies: [policy('p', { targetClusters: { labelSelector: { matchLabels: { env: 'prod' } } } })],
      want: { taints: [t('not-ready', 'NoExecute', now)], added: [t('not-ready', 'NoExecute', now)], removed: [] },
    },
    {
      name: 'policies apply in name order: a later one removes what an earlier one added (nothing reported)',
      conditions: [cond('Ready', 'False')],
      policies: [
        policy('b-remove', { addOnConditions: [], removeOnConditions: [m('Ready', 'In', ['False'])] }),
        policy('a-add', {}),
      ],
      want: { taints: [], added: [], removed: [] },
    },
  ];
  for (const c of cases) {
    it(c.name, () =>
      assert.deepEqual(
        applyTaintPolicies({
          cluster: cluster('m1', c.labels),
          conditions: c.conditions,
          taints: c.taints ?? [],
          specTaints: c.specTaints ?? [],
          policies: c.policies,
          now,
        }),
        c.want,
      ),
    );
  }
});

describe('status/decideFailover with a ClusterTaintPolicy', () => {
  it("a condition from the repo's Cluster adds a NoExecute taint: a failover decision, and the binding there is evicted", () => {
    const state: ClusterHealthState = {
      cluster: 'm1',
      registeredAt: now,
      ready: { type: 'Ready', status: 'True', lastTransitionTime: now },
      probedAt: now,
      streak: { status: 'True', since: now },
      taints: [],
    };
    const withCondition: Cluster = {
      ...cluster('m1'),
      status: { conditions: [{ type: 'DiskPressure', status: 'True' }] },
    };
    const o = decideFailover({
      clusters: [
        {
          state,
          observation: { reachable: true, readyzOk: true, observedAt: now },
          specTaints: [],
          cluster: withCondition,
        },
      ],
      bindings: [
        {
          key: 'default/web',
          placement: { clusterTolerations: [] },
          clusters: [{ name: 'm1', replicas: 2 }],
          scheduled: true,
          statuses: [],
        },
      ],
      now,
      health: defaultHealthSettings,
      eviction: defaultEvictionSettings,
      taintPolicies: [
        policy('disk', {
          taints: [{ key: 'disk-pressure', effect: 'NoExecute' }],
          addOnConditions: [m('DiskPressure', 'In', ['True'])],
          removeOnConditions: [m('DiskPressure', 'In', ['False'])],
        }),
      ],
    });
    assert.deepEqual(o.clusters[0]?.state.taints, [t('disk-pressure', 'NoExecute', now)]);
    assert.ok(o.decisions.some((d) => d.kind === 'failover' && d.cluster === 'm1'));
    assert.deepEqual(o.bindings[0]?.clusters, []);
  });
});
