import assert from 'node:assert/strict';
import type { ClusterHealthState } from './cluster-health.ts';
import { declaredAgain, removedClusters } from './removed-clusters.ts';

const state = (cluster: string, removedSince?: string): ClusterHealthState => ({
  cluster,
  registeredAt: '2026-01-01T00:00:00Z',
  taints: [],
  ...(removedSince ? { removedSince } : {}),
});
const now = '2026-01-02T00:00:00Z';

describe('status: clusters removed from the fleet repo', () => {
  const cases = [
    { name: 'all declared: none removed', recorded: [state('m1'), state('m2')], fleet: ['m1', 'm2'], want: [] },
    {
      name: 'newly missing: removed since now',
      recorded: [state('m2'), state('m1')],
      fleet: ['m1'],
      want: [state('m2', now)],
    },
    {
      name: 'already removed: keeps its first time',
      recorded: [state('m3', '2026-01-01T10:00:00Z'), state('m2')],
      fleet: [],
      want: [state('m2', now), state('m3', '2026-01-01T10:00:00Z')],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(removedClusters(c.recorded, new Set(c.fleet), now), c.want));

  it('a cluster declared again is no longer marked removed', () => {
    assert.deepEqual(declaredAgain(state('m3', now)), state('m3'));
    assert.deepEqual(declaredAgain(state('m1')), state('m1'));
  });
});
