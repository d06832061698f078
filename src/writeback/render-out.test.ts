import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JsonObject } from '../api/index.ts';
import { buildWork } from '../render/work.ts';
import { writeRenderedDir } from './render-out.ts';

const cm = (cluster: string, name: string, value: string) => {
  const m: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { value } };
  return buildWork(cluster, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name }, 'b', m);
};

describe('writeRenderedDir', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-render-out-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes nothing when the directory already holds the tree', async () => {
    const plan = { works: [cm('m1', 'a', '1'), cm('m2', 'a', '1')], clusters: ['m1', 'm2'] };
    assert.deepEqual(await writeRenderedDir(dir, plan), { clusters: 2, files: 4, written: 4, removed: 0 });
    const file = path.join(dir, 'clusters/m1/shop/configmap-a.yaml');
    const before = statSync(file, { bigint: true }).mtimeNs;
    assert.deepEqual(await writeRenderedDir(dir, plan), { clusters: 2, files: 4, written: 0, removed: 0 });
    assert.equal(statSync(file, { bigint: true }).mtimeNs, before);
  });

  it('rewrites only what changed; a cluster that lost its last object keeps resources: []', async () => {
    await writeRenderedDir(dir, {
      works: [cm('m1', 'a', '1'), cm('m1', 'b', '1'), cm('m2', 'a', '1')],
      clusters: ['m1', 'm2'],
    });
    const r = await writeRenderedDir(dir, { works: [cm('m1', 'a', '1'), cm('m1', 'b', '2')], clusters: ['m1', 'm2'] });
    assert.deepEqual(
      r,
      { clusters: 2, files: 4, written: 2, removed: 1 },
      'm1/b changed and m2 kustomization changed; m2/a removed',
    );
    assert.equal(
      readFileSync(path.join(dir, 'clusters/m2/kustomization.yaml'), 'utf8'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
    );
  });
});
