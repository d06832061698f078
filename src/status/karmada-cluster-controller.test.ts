/**
 * Karmada's cluster-controller test cases (which taints follow which Ready condition, and how a
 * silent cluster's condition turns Unknown) and taint_test.go's SetCurrentClusterTaints cases,
 * case by case, against flotilla's observeClusterHealth (cluster-health.ts). Each case cites
 * `<Go file> :: <Test function> :: <case name>`.
 *
 * flotilla keeps the v1.9 NoExecute twins (docs/karmada-differences.md, "Failover defaults"), so
 * Reconcile's NoSchedule cases compare the NoSchedule taints, and SetCurrentClusterTaints's
 * NoExecute templates are reached with a condition older than `--failover-eviction-timeout`
 * and compare the NoExecute taints. Karmada's own comparisons ignore timeAdded; these do too,
 * except where a kept taint must keep its time.
 *
 * Skipped as Go plumbing: Reconcile's "cluster not found" (fake client lookup) and
 * monitorClusterHealth's lease handling. The condition messages are flotilla's own words.
 */
import assert from 'node:assert/strict';
import type { Condition, Taint } from '../api/index.ts';
import type { ClusterHealthState } from './cluster-health.ts';
import { notReadyTaintKey, observeClusterHealth, unreachableTaintKey } from './cluster-health.ts';
import { defaultHealthSettings, probeCondition } from './ready-condition.ts';
import { addSeconds } from './time.ts';

const CC = 'pkg/controllers/cluster/cluster_controller_test.go';
const TH = 'pkg/util/helper/taint_test.go';

const now = '2026-01-01T12:00:00Z';
const ago = (s: number): string => addSeconds(now, -s);
const ready = (status: Condition['status'], since: string): Condition => ({
  type: 'Ready',
  status,
  lastTransitionTime: since,
});
const taint = (key: string, effect: Taint['effect'], timeAdded = ago(1000)): Taint => ({ key, effect, timeAdded });
const brief = (ts: readonly Taint[], effect: Taint['effect']): string[] =>
  ts.filter((t) => t.effect === effect).map((t) => `${t.key}:${t.effect}`);

/** A cluster last probed 10s ago (fresh), registered long ago, with the given condition and taints. */
function state(cond: Condition | undefined, taints: Taint[], probedAt = ago(10)): ClusterHealthState {
  return {
    cluster: 'test-cluster',
    registeredAt: ago(3600),
    ...(cond ? { ready: cond } : {}),
    ...(cond ? { probedAt } : {}),
    taints,
  };
}

describe('Karmada cluster controller: Reconcile (taintClusterByCondition)', () => {
  const cases: { name: string; state: ClusterHealthState; want: string[] }[] = [
    {
      // A cluster just registered and not yet observed: no Ready condition yet.
      name: 'cluster without status',
      state: { cluster: 'test-cluster', registeredAt: now, taints: [] },
      want: [`${notReadyTaintKey}:NoSchedule`],
    },
    {
      name: 'cluster with ready condition',
      state: state(ready('True', ago(60)), [taint(notReadyTaintKey, 'NoSchedule')]),
      want: [],
    },
    {
      name: 'cluster with unknown condition',
      state: state(ready('Unknown', ago(60)), [taint(notReadyTaintKey, 'NoSchedule')]),
      want: [`${unreachableTaintKey}:NoSchedule`],
    },
    {
      name: 'cluster with false condition',
      state: state(ready('False', ago(60)), [taint(unreachableTaintKey, 'NoSchedule')]),
      want: [`${notReadyTaintKey}:NoSchedule`],
    },
  ];
  for (const c of cases) {
    it(`${CC} :: TestController_Reconcile :: ${c.name}`, () => {
      const r = observeClusterHealth(c.state, null, now, defaultHealthSettings);
      assert.deepEqual(brief(r.state.taints, 'NoSchedule'), c.want);
    });
  }
});

describe('Karmada cluster controller: monitorClusterHealth (tryUpdateClusterHealth)', () => {
  it(`${CC} :: TestController_monitorClusterHealth :: cluster without status`, () => {
    // Never observed, past the startup grace period: Ready turns Unknown, ClusterStatusNeverUpdated.
    const r = observeClusterHealth(
      { cluster: 'test-cluster', registeredAt: ago(3600), taints: [] },
      null,
      now,
      defaultHealthSettings,
    );
    assert.deepEqual(
      { status: r.state.ready?.status, reason: r.state.ready?.reason },
      { status: 'Unknown', reason: 'ClusterStatusNeverUpdated' },
    );
  });
  it(`${CC} :: TestController_monitorClusterHealth :: cluster with ready condition`, () => {
    // A Ready cluster whose status was just posted (flotilla: observed this pass) stays Ready.
    const r = observeClusterHealth(
      { cluster: 'test-cluster', registeredAt: ago(3600), taints: [] },
      { reachable: true, readyzOk: true, observedAt: now },
      now,
      defaultHealthSettings,
    );
    assert.equal(r.state.ready?.status, 'True');
    assert.deepEqual(r.state.taints, []);
  });
});

describe('Karmada taint helpers: SetCurrentClusterTaints (through the Ready condition)', () => {
  // Conditions older than the eviction timeout (300s), so the NoExecute templates apply.
  const old = ago(400);
  const notReady = (t = ago(1000)) => taint(notReadyTaintKey, 'NoExecute', t);
  const unreachable = (t = ago(1000)) => taint(unreachableTaintKey, 'NoExecute', t);
  const cases: { name: string; state: ClusterHealthState; want: string[] }[] = [
    {
      name: 'ready condition from true to false',
      state: state(ready('False', old), []),
      want: [`${notReadyTaintKey}:NoExecute`],
    },
    {
      name: 'ready condition from true to unknown',
      state: state(ready('Unknown', old), [], old),
      want: [`${unreachableTaintKey}:NoExecute`],
    },
    {
      name: 'ready condition from false to unknown',
      state: state(ready('Unknown', old), [notReady()], old),
      want: [`${unreachableTaintKey}:NoExecute`],
    },
    {
      name: 'ready condition from false to true',
      state: state(ready('True', ago(60)), [notReady()]),
      want: [],
    },
    {
      name: 'ready condition from unknown to true',
      state: state(ready('True', ago(60)), [unreachable()]),
      want: [],
    },
    {
      name: 'ready condition from unknown to false',
      state: state(ready('False', old), [unreachable()]),
      want: [`${notReadyTaintKey}:NoExecute`],
    },
    {
      name: 'clusterTaintsToAdd is nil and clusterTaintsToRemove is nil',
      state: state(ready('Unknown', old), [unreachable()], old),
      want: [`${unreachableTaintKey}:NoExecute`],
    },
  ];
  for (const c of cases) {
    it(`${TH} :: TestSetCurrentClusterTaints :: ${c.name}`, () => {
      const r = observeClusterHealth(c.state, null, now, defaultHealthSettings);
      assert.deepEqual(brief(r.state.taints, 'NoExecute'), c.want);
    });
  }
  it(`${TH} :: TestSetCurrentClusterTaints :: clusterTaintsToAdd is nil and clusterTaintsToRemove is nil (the taint keeps its time, nothing changes)`, () => {
    const kept = unreachable(ago(2000));
    const r = observeClusterHealth(
      state(ready('Unknown', old), [taint(unreachableTaintKey, 'NoSchedule', ago(2000)), kept], old),
      null,
      now,
      defaultHealthSettings,
    );
    assert.deepEqual(
      r.state.taints.find((t) => t.effect === 'NoExecute'),
      kept,
    );
    assert.deepEqual([r.taintsAdded, r.taintsRemoved, r.decision], [[], [], null]);
  });
});

describe('Karmada cluster status controller: generateReadyCondition (probeCondition)', () => {
  const CS = 'pkg/controllers/status/cluster_status_controller_test.go';
  const cases = [
    {
      online: true,
      healthy: true,
      want: ['True', 'ClusterReady', 'cluster is healthy and ready to accept workloads'],
    },
    {
      online: true,
      healthy: false,
      want: ['False', 'ClusterNotReady', 'cluster is reachable but health endpoint responded without ok'],
    },
    { online: false, healthy: false, want: ['False', 'ClusterNotReachable', 'cluster is not reachable'] },
  ];
  for (const c of cases) {
    it(`${CS} :: TestGenerateReadyCondition :: online ${c.online}, healthy ${c.healthy}`, () => {
      const got = probeCondition({ reachable: c.online, readyzOk: c.healthy, observedAt: now });
      assert.deepEqual([got.type, got.status, got.reason, got.message], ['Ready', ...c.want]);
    });
  }
});
