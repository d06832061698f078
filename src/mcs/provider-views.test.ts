import assert from 'node:assert/strict';
import type { Taint } from '../api/index.ts';
import { providerViews } from './provider-views.ts';

describe('mcs/providerViews: an unreachable provider is held until the failover grace', () => {
  const t = (key: string, effect: Taint['effect']): Taint => ({ key, effect, timeAdded: '2026-01-01T00:00:00Z' });
  const cases: { name: string; taints: Taint[]; want: unknown }[] = [
    {
      name: 'no taint yet (within the failure threshold)',
      taints: [],
      want: { kind: 'unreachable', pastGrace: false },
    },
    {
      name: 'not-ready:NoSchedule (Ready False, eviction timeout running)',
      taints: [t('cluster.karmada.io/not-ready', 'NoSchedule')],
      want: { kind: 'unreachable', pastGrace: false },
    },
    {
      name: 'not-ready:NoExecute (past --failover-eviction-timeout)',
      taints: [t('cluster.karmada.io/not-ready', 'NoSchedule'), t('cluster.karmada.io/not-ready', 'NoExecute')],
      want: { kind: 'unreachable', pastGrace: true },
    },
    {
      name: 'unreachable:NoExecute (Ready Unknown past the timeout)',
      taints: [t('cluster.karmada.io/unreachable', 'NoExecute')],
      want: { kind: 'unreachable', pastGrace: true },
    },
    {
      name: 'a user NoExecute taint is not the failover grace',
      taints: [t('example.com/maintenance', 'NoExecute')],
      want: { kind: 'unreachable', pastGrace: false },
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        providerViews(['m1'], new Map([['m1', { kind: 'unreachable' }]]), new Map([['m1', c.taints]])).get('m1'),
        c.want,
      ),
    );
  it('an observed provider is its slices whatever its taints', () => {
    assert.deepEqual(
      providerViews(
        ['m1'],
        new Map([['m1', { kind: 'observed', slices: [] }]]),
        new Map([['m1', [t('cluster.karmada.io/not-ready', 'NoExecute')]]]),
      ).get('m1'),
      { kind: 'observed', slices: [] },
    );
  });
});
