import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import type { JsonObject } from '../api/index.ts';
import { defaultIdentity, localStore, openLocal, type BranchStore } from '../git/index.ts';
import { defaultDispatch } from '../render/dispatch.ts';
import { buildWork } from '../render/work.ts';
import { writeRendered } from './rendered-writer.ts';

const cm = (cluster: string, name: string, value: string, suspend = false) => {
  const m: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { value } };
  return buildWork(cluster, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name }, 'b', m, {
    ...defaultDispatch,
    suspendDispatching: suspend,
  });
};
const opts = { identity: defaultIdentity, now: () => new Date(0) };
const branch = 'flotilla-rendered';

// Karmada execution_controller.go: a Work with spec.suspendDispatching is not synced to its member.
describe('writeRendered: a suspended cluster keeps its files as they were', () => {
  let dir = '';
  let store: BranchStore;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-rendered-suspended-'));
    await git.init({ fs, gitdir: dir, bare: true });
    store = localStore(openLocal(dir), dir);
    await writeRendered(
      store,
      branch,
      { revision: 'r1', works: [cm('m1', 'a', '1'), cm('m2', 'a', '1')], clusters: ['m1', 'm2'] },
      opts,
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function text(file: string): Promise<string | undefined> {
    const tip = await store.tip(branch);
    return git.readBlob({ fs, gitdir: dir, oid: tip ?? '', filepath: file }).then(
      (r) => Buffer.from(r.blob).toString('utf8'),
      () => undefined,
    );
  }

  it('an object already there keeps its old content on the suspended cluster only; a new one is neither added nor listed', async () => {
    await writeRendered(
      store,
      branch,
      {
        revision: 'r2',
        works: [cm('m1', 'a', '2'), cm('m2', 'a', '2', true), cm('m2', 'n', '2', true)],
        clusters: ['m1', 'm2'],
      },
      opts,
    );
    assert.match((await text('clusters/m1/shop/configmap-a.yaml')) ?? '', /value: "2"/);
    assert.match((await text('clusters/m2/shop/configmap-a.yaml')) ?? '', /value: "1"/);
    assert.equal(await text('clusters/m2/shop/configmap-n.yaml'), undefined);
    assert.doesNotMatch((await text('clusters/m2/kustomization.yaml')) ?? '', /configmap-n/);
    assert.match((await text('clusters/m2/kustomization.yaml')) ?? '', /configmap-a/);
  });
  it('lifting the suspension writes the new content', async () => {
    await writeRendered(
      store,
      branch,
      { revision: 'r2', works: [cm('m1', 'a', '2'), cm('m2', 'a', '2', true)], clusters: ['m1', 'm2'] },
      opts,
    );
    await writeRendered(
      store,
      branch,
      { revision: 'r3', works: [cm('m1', 'a', '2'), cm('m2', 'a', '2')], clusters: ['m1', 'm2'] },
      opts,
    );
    assert.match((await text('clusters/m2/shop/configmap-a.yaml')) ?? '', /value: "2"/);
  });
});
