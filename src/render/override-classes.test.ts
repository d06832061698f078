import assert from 'node:assert/strict';
import type { Loaded, OverridePolicy, TargetCluster } from '../api/index.ts';
import { countingContext, deployment, members, override, source } from './fixtures.test-support.ts';
import { OverrideClasses } from './override-classes.ts';
import { renderBinding, type RenderRequest } from './render-binding.ts';

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
      const { ctx: unshared, rendered } = countingContext();
      const got = renderBinding({ ...unshared, classes: new OverrideClasses(unshared.clusters, overrides) }, req);
      assert.equal(rendered(), c.rendered);
      assert.equal(new Set(got.works.map((w) => w.spec.workload.manifests[0])).size, c.manifests);
      assert.equal(got.diagnostics.length, c.errors ?? 0);
      // The same Works and diagnostics as rendering each cluster on its own.
      assert.deepEqual(got, renderBinding(unshared, req));
    });
});
