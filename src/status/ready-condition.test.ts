import assert from 'node:assert/strict';
import type { Condition } from '../api/index.ts';
import type { KnownHealth, Observation } from './ready-condition.ts';
import { dampedCondition, defaultHealthSettings, probeCondition, staleCondition } from './ready-condition.ts';

const at = (hms: string): string => `2026-01-01T${hms}Z`;
const cond = (status: Condition['status'], reason: string, since: string): Condition => ({
  type: 'Ready',
  status,
  reason,
  lastTransitionTime: at(since),
});

describe('status: Ready condition from probes', () => {
  const probes: readonly { name: string; o: Omit<Observation, 'observedAt'>; want: [string, string] }[] = [
    {
      name: 'reachable and /readyz ok → True ClusterReady',
      o: { reachable: true, readyzOk: true },
      want: ['True', 'ClusterReady'],
    },
    {
      name: 'reachable, /readyz not ok → False ClusterNotReady',
      o: { reachable: true, readyzOk: false },
      want: ['False', 'ClusterNotReady'],
    },
    {
      name: 'unreachable → False ClusterNotReachable (Karmada push mode)',
      o: { reachable: false, readyzOk: false },
      want: ['False', 'ClusterNotReachable'],
    },
  ];
  for (const c of probes) {
    it(c.name, () => {
      const r = probeCondition({ ...c.o, observedAt: at('00:00:00') });
      assert.deepEqual([r.status, r.reason], c.want);
    });
  }

  const stale: readonly {
    name: string;
    known: KnownHealth;
    now: string;
    want: [string, string | undefined, string | undefined] | 'unchanged';
  }[] = [
    {
      name: 'within the monitor grace period: unchanged',
      known: {
        ready: cond('True', 'ClusterReady', '00:00:00'),
        probedAt: at('00:00:00'),
        registeredAt: at('00:00:00'),
      },
      now: at('00:00:40'),
      want: 'unchanged',
    },
    {
      name: 'past the monitor grace period: Unknown at now',
      known: {
        ready: cond('True', 'ClusterReady', '00:00:00'),
        probedAt: at('00:00:00'),
        registeredAt: at('00:00:00'),
      },
      now: at('00:00:41'),
      want: ['Unknown', 'ClusterStatusUnknown', at('00:00:41')],
    },
    {
      name: 'already Unknown: transition time kept',
      known: {
        ready: cond('Unknown', 'ClusterStatusUnknown', '00:00:41'),
        probedAt: at('00:00:00'),
        registeredAt: at('00:00:00'),
      },
      now: at('00:09:00'),
      want: 'unchanged',
    },
    {
      name: 'never observed, within the startup grace period: no condition',
      known: { ready: undefined, probedAt: undefined, registeredAt: at('00:00:00') },
      now: at('00:01:00'),
      want: 'unchanged',
    },
    {
      name: 'never observed, past the startup grace period: Unknown ClusterStatusNeverUpdated',
      known: { ready: undefined, probedAt: undefined, registeredAt: at('00:00:00') },
      now: at('00:01:01'),
      want: ['Unknown', 'ClusterStatusNeverUpdated', at('00:01:01')],
    },
  ];
  for (const c of stale) {
    it(`staleness: ${c.name}`, () => {
      const r = staleCondition(c.known, c.now, defaultHealthSettings);
      if (c.want === 'unchanged') assert.equal(r, c.known.ready);
      else assert.deepEqual([r?.status, r?.reason, r?.lastTransitionTime], c.want);
    });
  }

  it('damping: a steady status keeps its transition time while reason and message follow the probe', () => {
    const current = cond('False', 'ClusterNotReachable', '00:00:00');
    const r = dampedCondition(
      current,
      { status: 'False', since: at('00:00:00') },
      { reachable: true, readyzOk: false, observedAt: at('00:05:00') },
      defaultHealthSettings,
    );
    assert.deepEqual(
      [r.condition.status, r.condition.reason, r.condition.lastTransitionTime],
      ['False', 'ClusterNotReady', at('00:00:00')],
    );
  });

  it('damping: thresholds of zero flip at once', () => {
    const r = dampedCondition(
      cond('True', 'ClusterReady', '00:00:00'),
      { status: 'True', since: at('00:00:00') },
      { reachable: false, readyzOk: false, observedAt: at('00:05:00') },
      { ...defaultHealthSettings, failureThresholdSeconds: 0 },
    );
    assert.deepEqual(
      [r.condition.status, r.condition.lastTransitionTime, r.streak.since],
      ['False', at('00:05:00'), at('00:05:00')],
    );
  });
});
