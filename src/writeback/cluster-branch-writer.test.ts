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
  trailerValue,
  type BranchStore,
} from '../git/index.ts';
import { buildWork } from '../render/work.ts';
import type { Work } from '../render/index.ts';
import { writeClusterBranches } from './cluster-branch-writer.ts';
import { writeRendered } from './rendered-writer.ts';

const cm = (cluster: string, name: string, value = name): Work => {
  const m: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { value } };
  return buildWork(cluster, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name }, 'b', m);
};
const opts = { identity: defaultIdentity, now: () => new Date(0) };
const rendered = 'flotilla-rendered';
const reserved = ['main', 'flotilla-status', rendered];
const first = { works: [cm('m1', 'a'), cm('m2', 'a'), cm('m3', 'c')], clusters: ['m1', 'm2', 'm3'] };

/** A revision of the rendered branch, then the cluster branches mirrored from it. */
interface Step {
  readonly name: string;
  readonly revision: string;
  readonly works: readonly Work[];
  readonly clusters: readonly string[];
  /** The branches that get a commit. */
  readonly moved: readonly string[];
}

const steps: readonly Step[] = [
  {
    name: 'a change to one cluster moves that cluster branch only',
    revision: 'r2',
    works: [cm('m1', 'a'), cm('m2', 'a', 'changed'), cm('m3', 'c')],
    clusters: first.clusters,
    moved: ['flotilla-rendered-m2'],
  },
  {
    name: 'a new source revision that renders the same files moves no cluster branch',
    revision: 'r2b',
    works: first.works,
    clusters: first.clusters,
    moved: [],
  },
  {
    name: 'a change to a template on two clusters moves those two',
    revision: 'r3',
    works: [cm('m1', 'a', 'x'), cm('m2', 'a', 'x'), cm('m3', 'c')],
    clusters: first.clusters,
    moved: ['flotilla-rendered-m1', 'flotilla-rendered-m2'],
  },
  {
    name: 'a cluster added gets its branch; the others stay',
    revision: 'r4',
    works: [...first.works, cm('m4', 'd')],
    clusters: [...first.clusters, 'm4'],
    moved: ['flotilla-rendered-m4'],
  },
  {
    name: 'a cluster left with nothing, held by the mass-prune guard on the rendered branch, keeps its branch',
    revision: 'r5',
    works: [cm('m1', 'a'), cm('m2', 'a')],
    clusters: first.clusters,
    moved: [],
  },
];

describe('writeClusterBranches on a real git repository', () => {
  let dir = '';
  let store: BranchStore;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-cluster-branches-'));
    await git.init({ fs, gitdir: dir, bare: true });
    store = localStore(openLocal(dir), dir);
    await writeRendered(store, rendered, { revision: 'r1', ...first }, opts);
    await writeClusterBranches(store, { renderedBranch: rendered, clusters: first.clusters, reserved }, opts);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function filesOf(branch: string): Promise<string[]> {
    const tip = await store.tip(branch);
    return [
      ...(await listFiles(store.repo, tip ? (await readCommitInfo(store.repo, tip)).tree : undefined)).keys(),
    ].sort();
  }

  it("each cluster's branch holds its folder alone, at the rendered branch's path, with the source trailer", async () => {
    assert.deepEqual(await filesOf('flotilla-rendered-m1'), [
      'clusters/m1/kustomization.yaml',
      'clusters/m1/shop/configmap-a.yaml',
    ]);
    const tip = await store.tip('flotilla-rendered-m3');
    const info = await readCommitInfo(store.repo, tip ?? '');
    assert.equal(trailerValue(info.message, 'Flotilla-Source'), 'r1');
    const renderedTree = (await readCommitInfo(store.repo, (await store.tip(rendered)) ?? '')).tree;
    const { oid } = await git.readTree({ fs, gitdir: dir, oid: renderedTree, filepath: 'clusters/m3' });
    const own = await git.readTree({ fs, gitdir: dir, oid: info.tree, filepath: 'clusters/m3' });
    assert.equal(own.oid, oid, 'the folder is the rendered branch’s own subtree');
  });

  for (const s of steps)
    it(s.name, async () => {
      const tips = new Map<string, string | undefined>();
      for (const c of ['m1', 'm2', 'm3', 'm4']) tips.set(c, await store.tip(`flotilla-rendered-${c}`));
      await writeRendered(store, rendered, { revision: s.revision, works: s.works, clusters: s.clusters }, opts);
      const r = await writeClusterBranches(store, { renderedBranch: rendered, clusters: s.clusters, reserved }, opts);
      assert.deepEqual(
        r.moved.map((m) => m.branch),
        s.moved,
      );
      for (const [c, before] of tips) {
        const branch = `flotilla-rendered-${c}`;
        const after = await store.tip(branch);
        if (s.moved.includes(branch)) assert.equal((await readCommitInfo(store.repo, after ?? '')).parents[0], before);
        else assert.equal(after, before, branch);
      }
    });

  it('a cluster removed from the inventory keeps its branch as it was', async () => {
    const before = await store.tip('flotilla-rendered-m3');
    await writeRendered(store, rendered, { revision: 'r2', works: [cm('m1', 'a')], clusters: ['m1'] }, opts, {
      pruneGuard: { allowMassPrune: true, maxPruneShare: 1 },
    });
    const r = await writeClusterBranches(store, { renderedBranch: rendered, clusters: ['m1'], reserved }, opts);
    assert.deepEqual(
      r.moved.map((m) => m.branch),
      [],
    );
    assert.equal(await store.tip('flotilla-rendered-m3'), before);
    assert.deepEqual(r.kept, [
      { cluster: 'm2', branch: 'flotilla-rendered-m2' },
      { cluster: 'm3', branch: 'flotilla-rendered-m3' },
    ]);
  });

  it('a cluster whose branch would be a branch flotilla already uses is skipped, with the reason', async () => {
    const r = await writeClusterBranches(
      store,
      {
        renderedBranch: rendered,
        clusters: [...first.clusters, 'status'],
        reserved: [...reserved, 'flotilla-rendered-status'],
      },
      opts,
    );
    assert.deepEqual(r.skipped, [{ cluster: 'status', branch: 'flotilla-rendered-status', reason: 'BranchNameTaken' }]);
  });

  it('a branch someone moved is put back to its folder alone by the next write', async () => {
    const tip = (await store.tip('flotilla-rendered-m1')) ?? '';
    const emptyTree = await git.writeTree({ fs, gitdir: dir, tree: [] });
    const foreign = await git.writeCommit({
      fs,
      gitdir: dir,
      commit: {
        tree: emptyTree,
        parent: [tip],
        message: 'by hand\n',
        author: { name: 'x', email: 'x@x', timestamp: 0, timezoneOffset: 0 },
        committer: { name: 'x', email: 'x@x', timestamp: 0, timezoneOffset: 0 },
      },
    });
    await store.publish('flotilla-rendered-m1', tip, foreign);
    const r = await writeClusterBranches(store, { renderedBranch: rendered, clusters: first.clusters, reserved }, opts);
    assert.deepEqual(
      r.moved.map((m) => m.branch),
      ['flotilla-rendered-m1'],
    );
    assert.equal((await readCommitInfo(store.repo, r.moved[0]?.commit ?? '')).parents[0], foreign, 'never forced');
  });
});
