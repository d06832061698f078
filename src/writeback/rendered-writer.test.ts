import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import type { JsonObject } from '../api/index.ts';
import {
  defaultIdentity,
  listFiles,
  localStore,
  openLocal,
  readCommitInfo,
  writeCommit,
  writeTreeWithChanges,
  type BranchStore,
} from '../git/index.ts';
import { buildWork } from '../render/work.ts';
import { writeRendered } from './rendered-writer.ts';

const cm = (cluster: string, name: string) => {
  const m: JsonObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'shop' },
    data: { value: name },
  };
  return buildWork(cluster, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name }, 'b', m);
};
const clusters = ['m1', 'm2'];
const opts = { identity: defaultIdentity, now: () => new Date(0) };
const branch = 'flotilla-rendered';

describe('writeRendered: the mass-prune guard on a real git repository', () => {
  let dir = '';
  let store: BranchStore;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-rendered-guard-'));
    await git.init({ fs, gitdir: dir, bare: true });
    store = localStore(openLocal(dir), dir);
    await writeRendered(
      store,
      branch,
      { revision: 'r1', works: [cm('m1', 'a'), cm('m1', 'b'), cm('m2', 'c')], clusters },
      opts,
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function files(): Promise<ReadonlyMap<string, string>> {
    const tip = await store.tip(branch);
    return listFiles(store.repo, tip ? (await readCommitInfo(store.repo, tip)).tree : undefined);
  }

  it('an empty fleet holds every cluster folder, every file as on the tip', async () => {
    const before = await files();
    const r = await writeRendered(store, branch, { revision: 'r2', works: [], clusters }, opts);
    assert.deepEqual(
      r.held.map((h) => h.cluster),
      ['m1', 'm2'],
    );
    assert.match(
      r.held[0]?.message ?? '',
      /would delete all of the 2 objects flotilla owns in clusters\/m1\/.*--allow-mass-prune/,
    );
    assert.deepEqual(await files(), before);
    const again = await writeRendered(store, branch, { revision: 'r2', works: [], clusters }, opts);
    assert.equal(again.kind, 'unchanged');
    assert.equal(again.held.length, 2, 'held again on every pass until confirmed');
  });

  it('with --allow-mass-prune the folders are emptied, their kustomization kept with resources: []', async () => {
    const r = await writeRendered(store, branch, { revision: 'r2', works: [], clusters }, opts, {
      pruneGuard: { allowMassPrune: true, maxPruneShare: 1 },
    });
    assert.deepEqual(r.held, []);
    assert.deepEqual([...(await files()).keys()], ['clusters/m1/kustomization.yaml', 'clusters/m2/kustomization.yaml']);
    const tip = await store.tip(branch);
    const { blob } = await git.readBlob({
      fs,
      gitdir: dir,
      oid: tip ?? '',
      filepath: 'clusters/m1/kustomization.yaml',
    });
    assert.match(Buffer.from(blob).toString('utf8'), /^resources: \[\]$/m);
  });

  it('a move from m1 to m2 is never held', async () => {
    const r = await writeRendered(
      store,
      branch,
      { revision: 'r2', works: [cm('m2', 'a'), cm('m2', 'b'), cm('m2', 'c')], clusters },
      opts,
    );
    assert.deepEqual(r.held, []);
    assert.deepEqual(
      [...(await files()).keys()].filter((p) => p.startsWith('clusters/m1/')),
      ['clusters/m1/kustomization.yaml'],
    );
  });

  it('only the held folder is kept: the other cluster still gets its new objects', async () => {
    const r = await writeRendered(
      store,
      branch,
      { revision: 'r2', works: [cm('m2', 'c'), cm('m2', 'd')], clusters },
      opts,
    );
    assert.deepEqual(
      r.held.map((h) => h.cluster),
      ['m1'],
    );
    const paths = [...(await files()).keys()];
    assert.ok(
      paths.includes('clusters/m1/shop/configmap-a.yaml') && paths.includes('clusters/m2/shop/configmap-d.yaml'),
      paths.join(' '),
    );
  });

  it('a cluster removed from the inventory keeps its folder as it was; the others are updated', async () => {
    const before = [...(await files())].filter(([p]) => p.startsWith('clusters/m2/'));
    const r = await writeRendered(store, branch, { revision: 'r2', works: [cm('m1', 'a')], clusters: ['m1'] }, opts, {
      pruneGuard: { allowMassPrune: true, maxPruneShare: 1 },
    });
    assert.deepEqual(r.held, []);
    const after = await files();
    assert.deepEqual(
      [...after].filter(([p]) => p.startsWith('clusters/m2/')),
      before,
    );
    assert.ok(!after.has('clusters/m1/shop/configmap-b.yaml'), 'm1 still follows the plan');
  });

  it("someone else's files: kept outside clusters/, removed inside a cluster folder and directly under clusters/", async () => {
    const tip = await store.tip(branch);
    const base = tip ? (await readCommitInfo(store.repo, tip)).tree : undefined;
    const enc = new TextEncoder();
    const theirs = ['README.md', 'clusters/NOTES.md', 'clusters/m1/extra.yaml', 'clusters/m2/shop/extra.yaml'];
    const tree = await writeTreeWithChanges(
      store.repo,
      base,
      theirs.map((p) => ({ path: p, content: enc.encode(`${p}\n`) })),
    );
    const commit = await writeCommit(store.repo, {
      tree,
      parents: tip ? [tip] : [],
      message: 'theirs',
      ...opts,
      time: new Date(0),
    });
    await store.publish(branch, tip, commit);
    const r = await writeRendered(
      store,
      branch,
      { revision: 'r2', works: [cm('m1', 'a'), cm('m1', 'b'), cm('m2', 'c')], clusters },
      opts,
    );
    assert.equal(r.kind, 'committed');
    const after = await files();
    assert.deepEqual(
      theirs.filter((p) => after.has(p)),
      ['README.md'],
    );
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'flotilla-rendered-fresh-'));
    try {
      await git.init({ fs, gitdir: fresh, bare: true });
      const other = localStore(openLocal(fresh), fresh);
      await writeRendered(
        other,
        branch,
        { revision: 'r2', works: [cm('m1', 'a'), cm('m1', 'b'), cm('m2', 'c')], clusters },
        opts,
      );
      const otherTip = await other.tip(branch);
      const otherFiles = await listFiles(
        other.repo,
        otherTip ? (await readCommitInfo(other.repo, otherTip)).tree : undefined,
      );
      assert.deepEqual([...after].filter(([p]) => p !== 'README.md').sort(), [...otherFiles].sort());
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
