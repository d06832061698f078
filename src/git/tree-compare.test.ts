import assert from 'node:assert/strict';
import path from 'node:path';
import { gitCliSync, tempDir } from '../../test/git/helpers/workspace.ts';
import { blobOid } from './blob-id.ts';
import { changesToTree, readFolder } from './tree-compare.ts';
import { hashTree, type HashedBlob } from './tree-hash.ts';
import { writeTreeWithChanges, type FileChange } from './tree-writer.ts';

const enc = new TextEncoder();
const blob = (text: string): HashedBlob => {
  const bytes = enc.encode(text);
  return { bytes, oid: blobOid(bytes) };
};
const put = (files: Readonly<Record<string, string>>): FileChange[] =>
  Object.entries(files).map(([p, text]) => ({ path: p, content: enc.encode(text) }));
const hashed = (files: Readonly<Record<string, string>>) =>
  hashTree(Object.entries(files).map(([p, text]) => [p, blob(text)] as const));

const cases: readonly {
  name: string;
  tip: Readonly<Record<string, string>>;
  want: Readonly<Record<string, string>>;
  /** The paths the comparison changes (null content: deleted). */
  changed: readonly string[];
}[] = [
  {
    name: 'a new tree: every file',
    tip: {},
    want: { 'a/x.yaml': '1\n', 'a/y.yaml': '1\n', 'k.yaml': 'k\n' },
    changed: ['a/x.yaml', 'a/y.yaml', 'k.yaml'],
  },
  {
    name: 'the same tree: nothing',
    tip: { 'a/x.yaml': '1\n', 'b/x.yaml': '2\n' },
    want: { 'a/x.yaml': '1\n', 'b/x.yaml': '2\n' },
    changed: [],
  },
  {
    name: 'one file changed in one folder, another folder left unread',
    tip: { 'a/x.yaml': '1\n', 'b/x.yaml': '2\n', 'b/y.yaml': '3\n' },
    want: { 'a/x.yaml': '1\n', 'b/x.yaml': '4\n', 'b/y.yaml': '3\n' },
    changed: ['b/x.yaml'],
  },
  {
    name: 'a folder gone is deleted file by file; names sort as git sorts them',
    tip: { 'a/x': '1\n', 'a.b': '2\n', 'gone/x': '3\n', 'gone/deep/y': '4\n' },
    want: { 'a/x': '1\n', 'a.b': '2\n', 'a-b': '5\n' },
    changed: ['a-b', 'gone/deep/y', 'gone/x'],
  },
  {
    name: 'a file that becomes a folder (the folder written takes its place)',
    tip: { a: '1\n', 'b/x': '2\n' },
    want: { 'a/x': '3\n', 'b/x': '2\n' },
    changed: ['a/x'],
  },
];

describe('hashTree and changesToTree: a tree compared folder by folder with a written one', () => {
  const tmp = tempDir('flotilla-tree-compare-');
  const repo = { gitdir: path.join(tmp.dir, 'repo.git'), cache: {} };
  before(() => gitCliSync(tmp.dir, 'init', '-q', '--bare', repo.gitdir));
  after(() => tmp.cleanup());

  for (const c of cases)
    it(c.name, async () => {
      const want = hashed(c.want);
      assert.equal(want.oid, await writeTreeWithChanges(repo, undefined, put(c.want)), 'hashed as git writes it');
      const tip = Object.keys(c.tip).length ? await writeTreeWithChanges(repo, undefined, put(c.tip)) : undefined;
      const changes = await changesToTree(repo, tip, want, 'root');
      assert.deepEqual(changes.map((x) => x.path.slice('root/'.length)).sort(), [...c.changed].sort());
      const relative = changes.map((x) => ({ ...x, path: x.path.slice('root/'.length) }));
      assert.equal(await writeTreeWithChanges(repo, tip, relative), want.oid);
    });

  it('readFolder: the entries of a folder, none for a missing one', async () => {
    const tree = await writeTreeWithChanges(repo, undefined, put({ 'c/m1/x': '1\n', 'c/m2/x': '1\n', r: '2\n' }));
    assert.deepEqual([...(await readFolder(repo, tree, 'c')).keys()], ['m1', 'm2']);
    assert.deepEqual(
      [...(await readFolder(repo, tree, ''))].map(([n, e]) => [n, e.type]),
      [
        ['c', 'tree'],
        ['r', 'blob'],
      ],
    );
    assert.equal((await readFolder(repo, tree, 'c/none')).size, 0);
    assert.equal((await readFolder(repo, undefined, 'c')).size, 0);
  });
});
