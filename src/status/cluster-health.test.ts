import assert from 'node:assert/strict';
import type { Taint } from '../api/index.ts';
import type { ClusterHealthState } from './cluster-health.ts';
import { observeClusterHealth } from './cluster-health.ts';
import type { Observation } from './ready-condition.ts';
import { defaultHealthSettings } from './ready-condition.ts';
import { describeDecision } from './decision.ts';

const at = (hms: string): string => `2026-01-01T${hms}Z`;
const ok = (hms: string): Observation => ({ reachable: true, readyzOk: true, observedAt: at(hms) });
const down = (hms: string): Observation => ({ reachable: false, readyzOk: false, observedAt: at(hms) });
const sick = (hms: string): Observation => ({ reachable: true, readyzOk: false, observedAt: at(hms) });

/** A member observed Ready since 00:00:00, no controller taints. */
function readyMember(): ClusterHealthState {
  return {
    cluster: 'member1',
    registeredAt: at('00:00:00'),
    ready: {
      type: 'Ready',
      status: 'True',
      reason: 'ClusterReady',
      message: 'cluster is healthy and ready to accept workloads',
      lastTransitionTime: at('00:00:00'),
    },
    probedAt: at('00:00:00'),
    streak: { status: 'True', since: at('00:00:00') },
    taints: [],
  };
}

/** One step: the observation (or null for a tick) at `now`, and what must hold afterwards. */
interface Step {
  readonly now: string;
  readonly obs: Observation | null;
  readonly ready: string;
  readonly since?: string;
  readonly taints: readonly string[];
  readonly decision: 'failover' | 'recover' | null;
}
const taintNames = (ts: readonly Taint[]): string[] =>
  ts.map((t) => `${t.key.replace('cluster.karmada.io/', '')}:${t.effect}@${(t.timeAdded ?? '').slice(11, 19)}`);

const timelines: readonly { name: string; start: () => ClusterHealthState; steps: readonly Step[] }[] = [
  {
    name: 'unreachable member: damped, NoSchedule, NoExecute after the eviction timeout, then recovery',
    start: readyMember,
    steps: [
      { now: at('00:01:00'), obs: down('00:01:00'), ready: 'True', since: at('00:00:00'), taints: [], decision: null },
      { now: at('00:01:20'), obs: down('00:01:20'), ready: 'True', taints: [], decision: null },
      {
        now: at('00:01:30'),
        obs: down('00:01:30'),
        ready: 'False/ClusterNotReachable',
        since: at('00:01:30'),
        taints: ['not-ready:NoSchedule@00:01:30'],
        decision: 'failover',
      },
      {
        now: at('00:06:30'),
        obs: down('00:06:30'),
        ready: 'False/ClusterNotReachable',
        since: at('00:01:30'),
        taints: ['not-ready:NoSchedule@00:01:30'],
        decision: null,
      },
      {
        now: at('00:06:31'),
        obs: down('00:06:31'),
        ready: 'False/ClusterNotReachable',
        taints: ['not-ready:NoExecute@00:06:31', 'not-ready:NoSchedule@00:01:30'],
        decision: 'failover',
      },
      {
        now: at('00:07:00'),
        obs: ok('00:07:00'),
        ready: 'False/ClusterNotReachable',
        taints: ['not-ready:NoExecute@00:06:31', 'not-ready:NoSchedule@00:01:30'],
        decision: null,
      },
      {
        now: at('00:07:30'),
        obs: ok('00:07:30'),
        ready: 'True/ClusterReady',
        since: at('00:07:30'),
        taints: [],
        decision: 'recover',
      },
    ],
  },
  {
    name: 'a bouncing member never flips while no streak outlasts the threshold',
    start: readyMember,
    steps: [
      { now: at('00:01:00'), obs: sick('00:01:00'), ready: 'True', taints: [], decision: null },
      { now: at('00:01:20'), obs: ok('00:01:20'), ready: 'True', taints: [], decision: null },
      { now: at('00:01:40'), obs: sick('00:01:40'), ready: 'True', taints: [], decision: null },
      { now: at('00:02:00'), obs: ok('00:02:00'), ready: 'True', taints: [], decision: null },
      { now: at('00:02:20'), obs: sick('00:02:20'), ready: 'True', taints: [], decision: null },
      {
        now: at('00:02:50'),
        obs: sick('00:02:50'),
        ready: 'False/ClusterNotReady',
        since: at('00:02:50'),
        taints: ['not-ready:NoSchedule@00:02:50'],
        decision: 'failover',
      },
      {
        now: at('00:03:00'),
        obs: ok('00:03:00'),
        ready: 'False/ClusterNotReady',
        taints: ['not-ready:NoSchedule@00:02:50'],
        decision: null,
      },
      {
        now: at('00:03:10'),
        obs: sick('00:03:10'),
        ready: 'False/ClusterNotReady',
        since: at('00:02:50'),
        taints: ['not-ready:NoSchedule@00:02:50'],
        decision: null,
      },
    ],
  },
  {
    name: 'no observation for the monitor grace period: Unknown, unreachable taints swap in',
    start: () => ({
      ...readyMember(),
      ready: { type: 'Ready', status: 'False', reason: 'ClusterNotReady', lastTransitionTime: at('00:00:00') },
      streak: { status: 'False', since: at('00:00:00') },
      taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: at('00:00:00') }],
    }),
    steps: [
      {
        now: at('00:00:40'),
        obs: null,
        ready: 'False/ClusterNotReady',
        taints: ['not-ready:NoSchedule@00:00:00'],
        decision: null,
      },
      {
        now: at('00:00:41'),
        obs: null,
        ready: 'Unknown/ClusterStatusUnknown',
        since: at('00:00:41'),
        taints: ['unreachable:NoSchedule@00:00:41'],
        decision: 'failover',
      },
      {
        now: at('00:05:01'),
        obs: null,
        ready: 'Unknown/ClusterStatusUnknown',
        taints: ['unreachable:NoExecute@00:05:01', 'unreachable:NoSchedule@00:00:41'],
        decision: 'failover',
      },
      {
        now: at('00:06:00'),
        obs: ok('00:06:00'),
        ready: 'Unknown/ClusterStatusUnknown',
        taints: ['unreachable:NoExecute@00:05:01', 'unreachable:NoSchedule@00:00:41'],
        decision: null,
      },
      {
        now: at('00:06:30'),
        obs: ok('00:06:30'),
        ready: 'True/ClusterReady',
        since: at('00:06:30'),
        taints: [],
        decision: 'recover',
      },
    ],
  },
  {
    name: 'a new cluster: not-ready until first observed, Unknown after the startup grace period',
    start: () => ({ cluster: 'member1', registeredAt: at('00:00:00'), taints: [] }),
    steps: [
      {
        now: at('00:00:10'),
        obs: null,
        ready: 'none',
        taints: ['not-ready:NoSchedule@00:00:10'],
        decision: 'failover',
      },
      {
        now: at('00:01:01'),
        obs: null,
        ready: 'Unknown/ClusterStatusNeverUpdated',
        since: at('00:01:01'),
        taints: ['unreachable:NoSchedule@00:01:01'],
        decision: 'failover',
      },
      {
        now: at('00:01:05'),
        obs: ok('00:01:05'),
        ready: 'True/ClusterReady',
        since: at('00:01:05'),
        taints: [],
        decision: 'recover',
      },
    ],
  },
  {
    name: 'a first observation is taken as it is, without damping',
    start: () => ({ cluster: 'member1', registeredAt: at('00:00:00'), taints: [] }),
    steps: [
      {
        now: at('00:00:05'),
        obs: sick('00:00:05'),
        ready: 'False/ClusterNotReady',
        since: at('00:00:05'),
        taints: ['not-ready:NoSchedule@00:00:05'],
        decision: 'failover',
      },
    ],
  },
];

describe('status: cluster health → Ready and controller taints', () => {
  for (const tl of timelines) {
    it(tl.name, () => {
      let state = tl.start();
      for (const step of tl.steps) {
        const r = observeClusterHealth(state, step.obs, step.now, defaultHealthSettings);
        const label = `at ${step.now}`;
        const ready = r.state.ready;
        assert.equal(
          ready ? (step.ready.includes('/') ? `${ready.status}/${ready.reason}` : ready.status) : 'none',
          step.ready,
          label,
        );
        if (step.since) assert.equal(ready?.lastTransitionTime, step.since, label);
        assert.deepEqual(taintNames(r.state.taints), step.taints, label);
        assert.equal(r.decision?.kind ?? null, step.decision, label);
        state = r.state;
      }
    });
  }

  it('a failover decision says which cluster, since when and which taints', () => {
    const r = observeClusterHealth(
      { cluster: 'member2', registeredAt: at('00:00:00'), taints: [] },
      sick('00:00:05'),
      at('00:00:05'),
      defaultHealthSettings,
    );
    assert.deepEqual(r.decision, {
      kind: 'failover',
      cluster: 'member2',
      since: at('00:00:05'),
      condition: {
        status: 'False',
        reason: 'ClusterNotReady',
        message: 'cluster is reachable but health endpoint responded without ok',
      },
      taintsAdded: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: at('00:00:05') }],
      taintsRemoved: [],
    });
  });

  it('a cluster never observed is described as not ready, not yet observed', () => {
    const r = observeClusterHealth(
      { cluster: 'member3', registeredAt: at('00:00:00'), taints: [] },
      null,
      at('00:00:10'),
      defaultHealthSettings,
    );
    assert.ok(r.decision);
    assert.deepEqual(describeDecision(r.decision), {
      subject: `flotilla: failover member3 (not ready since ${at('00:00:00')})`,
      body: ['Ready=Unknown: not observed yet', 'added taint cluster.karmada.io/not-ready:NoSchedule'],
      trailer: 'failover',
    });
  });

  it('does not modify its input', () => {
    const s = readyMember();
    const copy = structuredClone(s);
    observeClusterHealth(s, down('00:05:00'), at('00:05:00'), { ...defaultHealthSettings, failureThresholdSeconds: 0 });
    assert.deepEqual(s, copy);
  });
});
