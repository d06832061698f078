import assert from 'node:assert/strict';
import type { Cluster, RolloutSpec, Wave } from '../api/index.ts';
import { assignWaves, concurrencyOf } from './waves.ts';

const cluster = (name: string, labels: Record<string, string> = {}): Cluster => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name, labels },
  spec: {},
});
const w = (name: string, clusters: Wave['clusters']): Wave => ({
  name,
  clusters,
  bakeSeconds: 0,
  maxConcurrent: { kind: 'Percent', percent: 100 },
});
const spec = (waves: Wave[]): RolloutSpec => ({
  namespace: 'ns',
  name: 'r',
  resourceSelectors: [],
  waves,
  progressDeadlineSeconds: 600,
  onFailure: 'Pause',
});
const inventory = [cluster('m3', { tier: 'prod' }), cluster('m1', { tier: 'canary' }), cluster('m2', { tier: 'prod' })];

describe('rollout/waves: which clusters each wave covers', () => {
  const cases: { name: string; waves: Wave[]; scope: string[]; want: string[] }[] = [
    {
      name: 'a cluster belongs to its first matching wave',
      waves: [w('canary', { labelSelector: { matchLabels: { tier: 'canary' } } }), w('all', {})],
      scope: ['m1', 'm2', 'm3'],
      want: ['canary:m1', 'all:m2,m3'],
    },
    {
      name: 'clusters no wave matches form the (unmatched) wave, last',
      waves: [w('canary', { clusterNames: ['m1'] })],
      scope: ['m3', 'm2', 'm1'],
      want: ['canary:m1', '(unmatched):m2,m3'],
    },
    {
      name: 'a wave without clusters takes the rest',
      waves: [w('canary', { clusterNames: ['m2'] }), w('rest', undefined)],
      scope: ['m1', 'm2', 'm3'],
      want: ['canary:m2', 'rest:m1,m3'],
    },
    {
      name: 'a wave matching nothing is empty, not dropped',
      waves: [w('asia', { clusterNames: ['x'] }), w('rest', undefined)],
      scope: ['m1'],
      want: ['asia:', 'rest:m1'],
    },
    { name: 'only clusters in scope are assigned', waves: [w('all', undefined)], scope: ['m2'], want: ['all:m2'] },
    {
      name: 'a cluster not in the inventory matches by name only',
      waves: [
        w('byname', { clusterNames: ['gone'] }),
        w('bylabel', { labelSelector: { matchLabels: { tier: 'prod' } } }),
      ],
      scope: ['gone', 'm2'],
      want: ['byname:gone', 'bylabel:m2'],
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        assignWaves(spec(c.waves), c.scope, inventory).map((a) => `${a.name}:${a.clusters.join(',')}`),
        c.want,
      ),
    );

  const sizes: [Wave['maxConcurrent'], number, number][] = [
    [{ kind: 'Percent', percent: 25 }, 10, 3],
    [{ kind: 'Percent', percent: 10 }, 3, 1],
    [{ kind: 'Percent', percent: 100 }, 7, 7],
    [{ kind: 'Percent', percent: 50 }, 0, 1],
    [{ kind: 'Count', count: 2 }, 10, 2],
  ];
  for (const [m, size, want] of sizes)
    it(`concurrencyOf(${JSON.stringify(m)}, ${size}) = ${want}`, () => assert.equal(concurrencyOf(m, size), want));
});
