import assert from 'node:assert/strict';
import type { Loaded, OverridePolicy, TargetCluster } from '../api/index.ts';
import { renderBinding, type RenderRequest } from '../render/index.ts';
import { countingContext, deployment, members, override, source } from '../render/fixtures.test-support.ts';
import { checkBindingRenders, OverrideClasses } from './render-check.ts';

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
