import assert from 'node:assert/strict';
import { deploymentWork, work } from '../../test/preview/builders.ts';
import { diffWorks } from './manifest-diff.ts';

describe('preview: manifests per cluster', () => {
  it('an object of another revision with the same content is unchanged', () => {
    assert.deepEqual(
      diffWorks([deploymentWork('eu', 'web', 3, 'nginx:1')], [deploymentWork('eu', 'web', 3, 'nginx:1')]),
      [],
    );
  });
  it('ignores key order', () => {
    const a = work('eu', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'shop' },
      data: { a: '1', b: '2' },
    });
    const b = work('eu', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'shop', name: 'c' },
      data: { b: '2', a: '1' },
    });
    assert.deepEqual(diffWorks([a], [b]), []);
  });
  it('reports added, removed and changed objects per cluster with unified diffs', () => {
    const got = diffWorks(
      [deploymentWork('eu', 'web', 3, 'nginx:1'), deploymentWork('us', 'web', 3, 'nginx:1')],
      [deploymentWork('eu', 'web', 3, 'nginx:2'), deploymentWork('ap', 'web', 3, 'nginx:1')],
    );
    assert.deepEqual(
      got.map((c) => [
        c.cluster,
        c.added,
        c.removed,
        c.changed,
        c.objects.map((o) => [o.change, o.resource.name, o.binding]),
      ]),
      [
        ['ap', 1, 0, 0, [['added', 'web', 'shop/web-deployment']]],
        ['eu', 0, 0, 1, [['changed', 'web', 'shop/web-deployment']]],
        ['us', 0, 1, 0, [['removed', 'web', 'shop/web-deployment']]],
      ],
    );
    const eu = got[1]?.objects[0]?.diff ?? '';
    assert.match(eu, /^--- a\/eu\/shop\/Deployment-web\.yaml\n\+\+\+ b\/eu\/shop\/Deployment-web\.yaml\n/);
    assert.match(eu, /^-\s+(- )?image: nginx:1$/m);
    assert.match(eu, /^\+\s+(- )?image: nginx:2$/m);
    assert.match(got[0]?.objects[0]?.diff ?? '', /^--- \/dev\/null\n/);
  });
  it('skips a Work the head reused from the base without comparing', () => {
    const w = deploymentWork('eu', 'web', 3, 'nginx:1');
    assert.deepEqual(diffWorks([w], [w]), []);
  });
});
