import assert from 'node:assert/strict';
import type { Cluster, JsonObject, KubeObject, Loaded, OverridePolicy, TargetCluster } from '../api/index.ts';
import { createInterpreter, type Interpreter } from '../interpreter/index.ts';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import { OverrideClasses } from './override-classes.ts';
import { renderBinding, type RenderContext, type RenderRequest } from './render-binding.ts';

const source = (file: string) => ({ file, line: 1, column: 1, doc: 0 });

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

const deployment = deepFreeze({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 4, template: { spec: { containers: [{ name: 'web', image: 'nginx:1' }] } } },
}) as unknown as KubeObject;

/** An OverridePolicy of the template: one plaintext rule for the clusters labelled `zone=<zone>`. */
const override = (zone: string, path: string): Loaded<OverridePolicy> =>
  deepFreeze({
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
function countingContext(overrides: readonly Loaded<OverridePolicy>[]): {
  ctx: RenderContext;
  rendered: () => number;
} {
  const real = createInterpreter([]);
  let n = 0;
  const interpreter: Interpreter = {
    ...real,
    reviseReplica: (o, replicas) => {
      n += 1;
      return real.reviseReplica(o, replicas);
    },
  };
  const clusters: ReadonlyMap<string, Loaded<Cluster>> = new Map(
    members.map((m) => [m, { object: cluster(m, { labels: { zone: zoneOf(m) } }), source: source(m) }] as const),
  );
  return { ctx: { clusters, interpreter, classes: new OverrideClasses(clusters, overrides) }, rendered: () => n };
}

const cases: {
  name: string;
  clusters: readonly TargetCluster[];
  overrides?: readonly Loaded<OverridePolicy>[];
  injectLabels?: RenderRequest['injectLabels'];
  /** Clusters rendered, and the manifest objects the Works hold. */
  rendered: number;
  manifests: number;
  errors?: number;
}[] = [
  {
    name: 'Duplicated, no override: one manifest for all',
    clusters: members.map((name) => ({ name, replicas: 2 })),
    rendered: 1,
    manifests: 1,
  },
  {
    name: 'two replica counts: one manifest each',
    clusters: members.map((name, i) => ({ name, replicas: 2 + (i % 2) })),
    rendered: 2,
    manifests: 2,
  },
  {
    name: 'an override for zone a: one manifest per zone',
    clusters: members.map((name) => ({ name, replicas: 2 })),
    overrides: [override('a', '/spec/template/spec/containers/0/image')],
    rendered: 2,
    manifests: 2,
  },
  {
    name: 'labels injected on one cluster: that cluster renders its own',
    clusters: members.map((name) => ({ name, replicas: 2 })),
    injectLabels: (c) => (c === 'm3' ? { 'app.kubernetes.io/instance': 'kept' } : undefined),
    rendered: 2,
    manifests: 2,
  },
  {
    name: 'an override failing in zone b: every cluster of zone b renders and names itself, no Work',
    clusters: members.map((name) => ({ name, replicas: 2 })),
    overrides: [override('b', '/spec/missing/field')],
    rendered: 3,
    manifests: 0,
    errors: 2,
  },
  {
    name: 'a cluster missing from the inventory is skipped',
    clusters: [{ name: 'gone', replicas: 1 }, ...members.map((name) => ({ name, replicas: 1 }))],
    rendered: 1,
    manifests: 1,
  },
];

describe('render: clusters of one override class share their manifest', () => {
  for (const c of cases)
    it(c.name, () => {
      const overrides = c.overrides ?? [];
      const req: RenderRequest = {
        template: { object: deployment, source: source('apps/web.yaml') },
        binding: 'shop/web-deployment',
        clusters: c.clusters,
        isWorkload: true,
        overrides,
        injectLabels: c.injectLabels,
      };
      const { ctx, rendered } = countingContext(overrides);
      const got = renderBinding(ctx, req);
      assert.equal(rendered(), c.rendered);
      assert.equal(new Set(got.works.map((w) => w.spec.workload.manifests[0])).size, c.manifests);
      assert.equal(got.diagnostics.length, c.errors ?? 0);
      // The same Works and diagnostics as rendering each cluster on its own.
      const { classes: _, ...unshared } = ctx;
      assert.deepEqual(got, renderBinding(unshared, req));
    });
});
