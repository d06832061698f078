import assert from 'node:assert/strict';
import type { Cluster, JsonObject, KubeObject, Loaded, OverridePolicy, TargetCluster } from '../api/index.ts';
import { createInterpreter, type Interpreter } from '../interpreter/index.ts';
import { renderBinding, type RenderContext, type RenderRequest } from '../render/index.ts';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import { checkBindingRenders, OverrideClasses } from './render-check.ts';

const source = (file: string) => ({ file, line: 1, column: 1, doc: 0 });
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 4, template: { spec: { containers: [{ name: 'web', image: 'nginx:1' }] } } },
} as unknown as KubeObject;

/** An OverridePolicy of the template: one plaintext rule for the clusters labelled `zone=<zone>`. */
const override = (zone: string, path: string): Loaded<OverridePolicy> => ({
  object: {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'OverridePolicy',
    metadata: { name: `tweak-${zone}`, namespace: 'shop' },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
      overrideRules: [
        {
          targetCluster: { labelSelector: { matchLabels: { zone } } },
          overriders: { plaintext: [{ path, operator: 'replace', value: 'x' } as unknown as JsonObject] },
        },
      ],
    },
  } as unknown as OverridePolicy,
  source: source(`policies/${zone}.yaml`),
});

const members = ['m1', 'm2', 'm3', 'm4'];
const zoneOf = (n: string) => (n === 'm1' || n === 'm2' ? 'a' : 'b');

/** A render context whose interpreter counts the clusters rendered (reviseReplica runs once per cluster). */
function countingContext(): { ctx: RenderContext; rendered: () => number } {
  const real = createInterpreter([]);
  let n = 0;
  const interpreter: Interpreter = {
    ...real,
    reviseReplica: (o, replicas) => {
      n += 1;
      return real.reviseReplica(o, replicas);
    },
  };
  const clusters = new Map(
    members.map((m) => [m, { object: cluster(m, { labels: { zone: zoneOf(m) } }), source: source(m) }] as const),
  );
  return { ctx: { clusters: clusters as ReadonlyMap<string, Loaded<Cluster>>, interpreter }, rendered: () => n };
}

const cases: {
  name: string;
  clusters: readonly TargetCluster[];
  overrides: readonly Loaded<OverridePolicy>[];
  rendered: number;
  errors: number;
}[] = [
  {
    name: 'Duplicated, no override: one cluster rendered for all',
    clusters: members.map((name) => ({ name, replicas: 2 })),
    overrides: [],
    rendered: 1,
    errors: 0,
  },
  {
    name: 'two replica counts: one cluster each',
    clusters: members.map((name, i) => ({ name, replicas: 2 + (i % 2) })),
    overrides: [],
    rendered: 2,
    errors: 0,
  },
  {
    name: 'an override for zone a: one cluster of each zone',
    clusters: members.map((name) => ({ name, replicas: 2 })),
    overrides: [override('a', '/spec/template/spec/containers/0/image')],
    rendered: 2,
    errors: 0,
  },
  {
    name: 'an override failing in zone b: the whole binding rendered, one error per failed cluster',
    clusters: members.map((name) => ({ name, replicas: 2 })),
    overrides: [override('b', '/spec/missing/field')],
    rendered: 2 + 4,
    errors: 2,
  },
  {
    name: 'a cluster missing from the inventory is skipped, as rendering skips it',
    clusters: [{ name: 'gone', replicas: 1 }, ...members.map((name) => ({ name, replicas: 1 }))],
    overrides: [],
    rendered: 1,
    errors: 0,
  },
];

describe('plan: checkBindingRenders', () => {
  for (const c of cases) {
    it(c.name, () => {
      const req: RenderRequest = {
        template: { object: deployment, source: source('apps/web.yaml') },
        binding: 'shop/web-deployment',
        clusters: c.clusters,
        isWorkload: true,
        overrides: c.overrides,
      };
      const { ctx, rendered } = countingContext();
      const got = checkBindingRenders(ctx, req, new OverrideClasses(ctx.clusters, c.overrides));
      assert.equal(rendered(), c.rendered);
      assert.equal(got.length, c.errors);
      assert.deepEqual(got, renderBinding(countingContext().ctx, req).diagnostics);
    });
  }
});
