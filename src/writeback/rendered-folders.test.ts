import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { hashTree } from '../git/index.ts';
import { buildWork, type Work } from '../render/work.ts';
import { renderedFolders, renderedMemo, type RenderedFolder } from './rendered-folders.ts';
import { renderedFiles } from './rendered-tree.ts';
import { desiredFile } from './serial-cache.ts';

function work(cluster: string, manifest: JsonObject): Work {
  const meta = manifest['metadata'] as { name: string; namespace?: string };
  const ref = {
    apiVersion: String(manifest['apiVersion']),
    kind: String(manifest['kind']),
    name: meta.name,
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
  };
  return buildWork(cluster, ref, 'b', manifest);
}
const cm = (name: string, value: string, apiVersion = 'v1'): JsonObject => ({
  apiVersion,
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop' },
  data: { value },
});
const ns: JsonObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };

/** The folders as renderedFiles lays them out: path → text. */
function flattened(folders: ReadonlyMap<string, RenderedFolder>): Map<string, string> {
  const dec = new TextDecoder();
  const out = new Map<string, string>();
  for (const [segment, f] of folders)
    for (const [p, file] of f.files) out.set(`clusters/${segment}/${p}`, dec.decode(file.bytes));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

describe('renderedFolders: the rendered tree one hashed folder per cluster', () => {
  const clusters = ['m1', 'm2', 'empty', 'a/b'];
  const works = () => [
    work('m1', ns),
    work('m1', cm('web', '1')),
    work('m1', cm('web', '2', 'example.io/v1')),
    work('m2', cm('web', '1')),
    work('a/b', cm('odd', '3')),
  ];

  it('holds renderedFiles file for file, each folder hashed as git writes it', () => {
    const w = works();
    const folders = renderedFolders(w, clusters, renderedMemo());
    assert.deepEqual(flattened(folders), renderedFiles(w, clusters));
    assert.deepEqual([...folders.keys()], ['a_b-3a8e75c1', 'empty', 'm1', 'm2']);
    for (const f of folders.values()) {
      const fresh = hashTree([...f.files].map(([p, file]) => [p, desiredFile(new TextDecoder().decode(file.bytes))]));
      assert.equal(f.tree.oid, fresh.oid);
    }
  });

  const passes: readonly { name: string; next: (before: readonly Work[]) => Work[]; kept: readonly string[] }[] = [
    {
      name: 'the same Work objects: every folder kept as it was',
      next: (b) => [...b],
      kept: ['a_b-3a8e75c1', 'empty', 'm1', 'm2'],
    },
    {
      name: 'equal new Work objects: every folder kept as it was',
      next: () => works(),
      kept: ['a_b-3a8e75c1', 'empty', 'm1', 'm2'],
    },
    {
      name: "one Work changed: only its cluster's folder is new",
      next: (b) => b.map((w, i) => (i === 3 ? work('m2', cm('web', '9')) : w)),
      kept: ['a_b-3a8e75c1', 'empty', 'm1'],
    },
    {
      name: 'a Work moved to another cluster: both folders are new',
      next: (b) => [...b.slice(0, 4), work('m2', cm('odd', '3'))],
      kept: ['empty', 'm1'],
    },
  ];
  for (const c of passes)
    it(`a second pass: ${c.name}, the same tree as a fresh memo's`, () => {
      const memo = renderedMemo();
      const first = works();
      const before = renderedFolders(first, clusters, memo);
      const next = c.next(first);
      const after = renderedFolders(next, clusters, memo);
      const fresh = renderedFolders(next, clusters, renderedMemo());
      assert.deepEqual(
        [...after].map(([s, f]) => [s, f.tree.oid]),
        [...fresh].map(([s, f]) => [s, f.tree.oid]),
      );
      assert.deepEqual(
        [...after].filter(([s, f]) => before.get(s) === f).map(([s]) => s),
        c.kept,
      );
    });
});
