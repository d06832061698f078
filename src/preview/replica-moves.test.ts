import assert from 'node:assert/strict';
import { aggregateMoves, movedReplicas, movesOf } from './replica-moves.ts';
import type { ClusterPlacement, ResourceChange } from './model.ts';

const at = (cluster: string, before: number | null, after: number | null): ClusterPlacement => ({
  cluster,
  before,
  after,
});

describe('preview: replica moves of one resource', () => {
  const cases = [
    {
      name: 'the worked example of the doc comment',
      clusters: [at('a', 3, 1), at('b', 2, null), at('c', null, 5)],
      want: [
        { from: 'a', to: 'c', replicas: 2 },
        { from: 'b', to: 'c', replicas: 2 },
        { from: null, to: 'c', replicas: 1 },
      ],
    },
    { name: 'scale down only', clusters: [at('a', 3, 1)], want: [{ from: 'a', to: null, replicas: 2 }] },
    {
      name: 'one loser feeds two gainers',
      clusters: [at('a', 6, 0), at('b', 0, 3), at('c', 0, 3)],
      want: [
        { from: 'a', to: 'b', replicas: 3 },
        { from: 'a', to: 'c', replicas: 3 },
      ],
    },
    { name: 'no change', clusters: [at('a', 2, 2)], want: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(movesOf(c.clusters), c.want));
});

describe('preview: moves over all resources', () => {
  const change = (clusters: ClusterPlacement[], replicas: number | null): ResourceChange => ({
    change: 'changed',
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' },
    policy: { before: null, after: null },
    placementPaths: [],
    replicas: { before: replicas, after: replicas },
    clusters,
    scheduling: { before: null, after: null },
    becameUnschedulable: false,
    replaced: true,
  });
  it('sums per pair, sorts with new/removed first, and counts only cluster-to-cluster replicas as moved', () => {
    const moves = aggregateMoves([
      change([at('us', 4, 2), at('eu', 0, 2)], 4),
      change([at('us', 2, 0), at('eu', 1, 4)], 2),
      change([at('x', null, null), at('y', 0, null)], null),
    ]);
    assert.deepEqual(moves, [
      { from: null, to: 'eu', replicas: 1 },
      { from: 'us', to: 'eu', replicas: 4 },
    ]);
    assert.equal(movedReplicas(moves), 4);
  });
});
