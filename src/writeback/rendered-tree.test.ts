import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { buildWork } from '../render/work.ts';
import { renderedFiles } from './rendered-tree.ts';

function work(cluster: string, manifest: JsonObject) {
  const meta = manifest['metadata'] as { name: string; namespace?: string };
  return buildWork(cluster, { apiVersion: String(manifest['apiVersion']), kind: String(manifest['kind']), name: meta.name, ...(meta.namespace ? { namespace: meta.namespace } : {}) }, 'b', manifest);
}
const deploy = (name: string, namespace?: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, ...(namespace ? { namespace } : {}) } });

describe('renderedFiles', () => {
  it('lays out clusters/<cluster>/<ns|_cluster>/<kind>-<name>.yaml with a kustomization per cluster, sorted', () => {
    const files = renderedFiles([work('m2', deploy('web', 'shop')), work('m1', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }), work('m1', deploy('web', 'shop'))]);
    assert.deepEqual([...files.keys()], [
      'clusters/m1/_cluster/namespace-shop.yaml', 'clusters/m1/kustomization.yaml', 'clusters/m1/shop/deployment-web.yaml',
      'clusters/m2/kustomization.yaml', 'clusters/m2/shop/deployment-web.yaml',
    ]);
    assert.match(files.get('clusters/m1/kustomization.yaml') ?? '', /resources:\n {2}- _cluster\/namespace-shop.yaml\n {2}- shop\/deployment-web.yaml\n/);
  });
  const hostile = [
    { name: 'object name with ../', manifest: deploy('../../etc/passwd', 'shop') },
    { name: 'namespace ..', manifest: deploy('web', '..') },
    { name: 'NUL in name', manifest: deploy('a\u0000b', 'shop') },
    { name: 'leading dot', manifest: deploy('.git', 'shop') },
  ];
  for (const c of hostile) {
    it(`keeps ${c.name} inside its cluster folder`, () => {
      for (const p of renderedFiles([work('m1', c.manifest)]).keys()) {
        const parts = p.split('/');
        assert.ok(parts.length <= 4, p);
        for (const s of parts) assert.ok(s !== '..' && s !== '.' && !s.startsWith('.') && !s.includes('\u0000'), p);
      }
    });
  }
  it('two kinds of the same name in different groups both get files', () => {
    const files = renderedFiles([work('m1', deploy('web', 'shop')), work('m1', { apiVersion: 'example.io/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } })]);
    assert.equal([...files.keys()].filter((p) => p.includes('deployment-web')).length, 2);
  });
});
