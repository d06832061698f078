import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { JsonObject, RolloutSpec } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import type { InForce } from './in-force.ts';
import { rolloutContents, worksInForce } from './manifests-in-force.ts';

const spec: RolloutSpec = {
  namespace: 'shop',
  name: 'r',
  resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'frontend' }],
  waves: [],
  progressDeadlineSeconds: 600,
  onFailure: 'Pause',
};
const deploy = (name: string, image: string, replicas: number, namespace = 'shop'): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { replicas, template: { spec: { containers: [{ name: 'c', image }] } } },
});
const work = (cluster: string, m: JsonObject): Work => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: {
    name: `${String((m['metadata'] as JsonObject)['name'])}-x`,
    namespace: `karmada-es-${cluster}`,
    labels: {},
    annotations: {},
  },
  spec: { workload: { manifests: [m] } },
});
const images = (ws: readonly Work[]) =>
  ws.map((w) => {
    const m = w.spec.workload.manifests[0] as {
      metadata: { name: string };
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    };
    return `${w.metadata.namespace.slice(11)}:${m.metadata.name}:${m.spec.template.spec.containers[0]?.image}x${m.spec.replicas}`;
  });

const target = [
  work('a', deploy('frontend', 'v2', 3)),
  work('b', deploy('frontend', 'v2', 4)),
  work('a', deploy('backend', 'v2', 1)),
  work('b', deploy('frontend', 'v2', 1, 'other')),
];
const baseline = [
  work('a', deploy('frontend', 'v1', 3)),
  work('b', deploy('frontend', 'v1', 2)),
  work('a', deploy('backend', 'v1', 1)),
];
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const f = (cluster: string, source: InForce['source'], replicasFromTarget = false): InForce => ({
  cluster,
  source,
  revision: source === 'None' ? undefined : source,
  replicasFromTarget,
});

describe('rollout/manifests-in-force', () => {
  it("content ids cover only the staged templates of the strategy's namespace, per cluster", () => {
    const t = rolloutContents(spec, target, sha);
    const b = rolloutContents(spec, baseline, sha);
    assert.deepEqual(Object.keys(t), ['a', 'b']);
    assert.notEqual(t['a'], b['a']);
    assert.deepEqual(rolloutContents(spec, [...target].reverse(), sha), t);
  });
  const cases: { name: string; inForce: InForce[]; want: string[] }[] = [
    {
      name: 'the canary on the target, the other cluster on the baseline (its replicas too); unstaged Works follow the target',
      inForce: [f('a', 'Target'), f('b', 'Baseline')],
      want: ['a:backend:v2x1', 'a:frontend:v2x3', 'b:frontend:v1x2', 'b:frontend:v2x1'],
    },
    {
      name: 'a cluster with nothing in force gets no staged Work',
      inForce: [f('a', 'Target'), f('b', 'None')],
      want: ['a:backend:v2x1', 'a:frontend:v2x3', 'b:frontend:v2x1'],
    },
    {
      name: 'a failover target on the baseline takes the target replicas',
      inForce: [f('a', 'Target'), f('b', 'Baseline', true)],
      want: ['a:backend:v2x1', 'a:frontend:v2x3', 'b:frontend:v1x4', 'b:frontend:v2x1'],
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(images(worksInForce(spec, c.inForce, { target, baseline, current: [] })).sort(), c.want),
    );
});
