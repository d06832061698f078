/**
 * Karmada's ClusterTaintPolicy controller test cases that cluster-taint-policy.test.ts does not
 * already cover, case by case, against flotilla's conditionMatches and applyTaintPolicies. Each
 * case cites `<Go file> :: <Test function> :: <case name>`.
 *
 * addTaintsOnCluster / removeTaintsFromCluster are reached through one policy whose add-on (or
 * remove-on) conditions match. Karmada appends added taints after the cluster's; flotilla returns
 * them sorted by key and effect (STYLE D2), so the expected lists here are in that order.
 */
import assert from 'node:assert/strict';
import type { Cluster, ClusterTaintPolicy, MatchCondition, Taint } from '../api/index.ts';
import { applyTaintPolicies, conditionMatches } from './cluster-taint-policy.ts';

const CT = 'pkg/controllers/taint/clustertaintpolicy_controller_test.go';

const now = '2026-01-01T12:00:00Z';
const oneMinuteAgo = '2026-01-01T11:59:00Z';
const m = (conditionType: string, operator: 'In' | 'NotIn', statusValues: MatchCondition['statusValues']) => ({
  conditionType,
  operator,
  statusValues,
});

describe('Karmada ClusterTaintPolicy: conditionMatches (multiple conditions)', () => {
  const match = [m('Ready', 'In', ['False', 'Unknown']), m('NetworkReady', 'NotIn', ['True'])];
  const cases = [
    { name: 'match: multiple conditions', ready: 'Unknown', want: true },
    { name: "don't match: multiple conditions", ready: 'True', want: false },
  ] as const;
  for (const c of cases) {
    it(`${CT} :: TestConditionMatches :: ${c.name}`, () =>
      assert.equal(
        conditionMatches(
          [
            { type: 'Ready', status: c.ready },
            { type: 'NetworkReady', status: 'False' },
            { type: 'StorageReady', status: 'True' },
          ],
          match,
        ),
        c.want,
      ));
  }
});

const cluster: Cluster = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'm1' } };
const policy = (taints: Taint[], on: 'add' | 'remove'): ClusterTaintPolicy => {
  const always = [m('Ready', 'In', ['True'])];
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'ClusterTaintPolicy',
    metadata: { name: 'p' },
    spec: {
      taints,
      addOnConditions: on === 'add' ? always : [],
      removeOnConditions: on === 'remove' ? always : [],
    },
  };
};
const t = (key: string, effect: Taint['effect'], value?: string, timeAdded?: string): Taint => ({
  key,
  ...(value !== undefined ? { value } : {}),
  effect,
  ...(timeAdded !== undefined ? { timeAdded } : {}),
});
const run = (taints: Taint[], p: ClusterTaintPolicy): Taint[] =>
  applyTaintPolicies({
    cluster,
    conditions: [{ type: 'Ready', status: 'True' }],
    taints,
    specTaints: [],
    policies: [p],
    now,
  }).taints;

describe('Karmada ClusterTaintPolicy: addTaintsOnCluster', () => {
  const cases: { name: string; taints: Taint[]; add: Taint[]; want: Taint[] }[] = [
    {
      name: 'add new taint',
      taints: [],
      add: [t('key1', 'NoSchedule', 'value1')],
      want: [t('key1', 'NoSchedule', 'value1', now)],
    },
    {
      name: "add the existing taint, don't update TimeAdded",
      taints: [t('key1', 'NoSchedule', 'value1', oneMinuteAgo)],
      add: [t('key1', 'NoSchedule', 'value1')],
      want: [t('key1', 'NoSchedule', 'value1', oneMinuteAgo)],
    },
    {
      name: 'add multi taints',
      taints: [t('key2', 'PreferNoSchedule', 'value2', oneMinuteAgo)],
      add: [t('key1', 'NoSchedule', 'value1'), t('key3', 'NoExecute', 'value3')],
      want: [
        t('key1', 'NoSchedule', 'value1', now),
        t('key2', 'PreferNoSchedule', 'value2', oneMinuteAgo),
        t('key3', 'NoExecute', 'value3', now),
      ],
    },
  ];
  for (const c of cases) {
    it(`${CT} :: TestAddTaintsOnCluster :: ${c.name}`, () =>
      assert.deepEqual(run(c.taints, policy(c.add, 'add')), c.want));
  }
});

describe('Karmada ClusterTaintPolicy: removeTaintsFromCluster', () => {
  const cases: { name: string; taints: Taint[]; remove: Taint[]; want: Taint[] }[] = [
    {
      name: 'remove a taint',
      taints: [t('key1', 'NoSchedule', undefined, oneMinuteAgo)],
      remove: [t('key1', 'NoSchedule')],
      want: [],
    },
    {
      name: 'remove multiple matched taints',
      taints: [t('key1', 'NoSchedule', undefined, oneMinuteAgo), t('key2', 'NoExecute', undefined, now)],
      remove: [t('key1', 'NoSchedule'), t('key2', 'NoExecute')],
      want: [],
    },
    {
      name: 'no matched taints',
      taints: [t('key1', 'NoSchedule', undefined, oneMinuteAgo)],
      remove: [t('key2', 'NoExecute')],
      want: [t('key1', 'NoSchedule', undefined, oneMinuteAgo)],
    },
  ];
  for (const c of cases) {
    it(`${CT} :: TestRemoveTaintsOnCluster :: ${c.name}`, () =>
      assert.deepEqual(run(c.taints, policy(c.remove, 'remove')), c.want));
  }
});
