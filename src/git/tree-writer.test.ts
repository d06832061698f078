import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gitCliSync, tempDir } from '../../test/git/helpers/workspace.ts';
import { blobOid } from './blob-id.ts';
import { hashTree } from './tree-hash.ts';
import { listFiles } from './tree-listing.ts';
import { writeTreeWithChanges, type FileChange } from './tree-writer.ts';

const enc = new TextEncoder();
const put = (p: string, text: string): FileChange => ({ path: p, content: enc.encode(text) });
const drop = (p: string): FileChange => ({ path: p, content: null });

/** The tree id native git gives `files` (written to a work tree, `git add -A`, `git write-tree`). */
function nativeTree(root: string, files: Readonly<Record<string, string>>): string {
  const dir = path.join(root, `native-${Object.keys(files).length}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  gitCliSync(dir, 'init', '-q');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  gitCliSync(dir, 'add', '-A');
  return gitCliSync(dir, 'write-tree').trim();
}

const cases: readonly {
  name: string;
  base: readonly FileChange[];
  changes: readonly FileChange[];
  want: Readonly<Record<string, string>>;
}[] = [
  {
    name: 'a new tree, one blob shared by many paths',
    base: [],
    changes: [
      put('c/a/x.yaml', 'same\n'),
      put('c/b/x.yaml', 'same\n'),
      put('c/b/y.yaml', 'other\n'),
      put('k.yaml', 'k\n'),
    ],
    want: { 'c/a/x.yaml': 'same\n', 'c/b/x.yaml': 'same\n', 'c/b/y.yaml': 'other\n', 'k.yaml': 'k\n' },
  },
  {
    name: 'a change and a deletion keep the other folders',
    base: [put('c/a/x.yaml', '1\n'), put('c/b/x.yaml', '2\n'), put('c/b/y.yaml', '3\n')],
    changes: [put('c/a/x.yaml', '4\n'), drop('c/b/y.yaml')],
    want: { 'c/a/x.yaml': '4\n', 'c/b/x.yaml': '2\n' },
  },
  {
    name: 'a folder emptied disappears; names sort as git sorts them (a folder as if ending in /)',
    base: [put('a/x', '1\n'), put('a.b', '2\n'), put('a-b', '3\n'), put('gone/x', '4\n')],
    changes: [drop('gone/x'), put('a/y', '5\n')],
    want: { 'a/x': '1\n', 'a/y': '5\n', 'a.b': '2\n', 'a-b': '3\n' },
  },
  {
    name: 'a file replaced by a folder (the listing is read again, not derived)',
    base: [put('a', '1\n'), put('b/x', '2\n')],
    changes: [drop('a'), put('a/x', '3\n'), drop('b/x'), put('b', '4\n')],
    want: { 'a/x': '3\n', b: '4\n' },
  },
];

describe('writeTreeWithChanges: the trees native git writes, and their listings', () => {
  const tmp = tempDir('flotilla-tree-writer-');
  const repo = { gitdir: path.join(tmp.dir, 'repo.git'), cache: {} };
  before(() => gitCliSync(tmp.dir, 'init', '-q', '--bare', repo.gitdir));
  after(() => tmp.cleanup());

  for (const c of cases)
    it(c.name, async () => {
      const base = c.base.length ? await writeTreeWithChanges(repo, undefined, c.base) : undefined;
      await listFiles(repo, base);
      const tree = await writeTreeWithChanges(repo, base, c.changes);
      assert.equal(tree, nativeTree(tmp.dir, c.want));
      assert.equal(gitCliSync(repo.gitdir, 'fsck', '--no-dangling').trim(), '');
      const listed = await listFiles(repo, tree);
      const fresh = await listFiles({ gitdir: repo.gitdir, cache: {} }, tree);
      assert.deepEqual([...listed].sort(), [...fresh].sort());
      assert.deepEqual([...fresh.keys()].sort(), Object.keys(c.want).sort());
    });
});

describe('writeTreeWithChanges: a folder set whole to a hashed tree', () => {
  const tmp = tempDir('flotilla-tree-writer-folder-');
  const repo = { gitdir: path.join(tmp.dir, 'repo.git'), cache: {} };
  before(() => gitCliSync(tmp.dir, 'init', '-q', '--bare', repo.gitdir));
  after(() => tmp.cleanup());
  const file = (text: string) => {
    const bytes = enc.encode(text);
    return { bytes, oid: blobOid(bytes) };
  };

  it('replaces the folder (a file of that name too), writes only the objects missing, keeps the rest', async () => {
    const base = await writeTreeWithChanges(repo, undefined, [put('c/a/x', '1\n'), put('c/b', '2\n'), put('r', '3\n')]);
    const a = hashTree([
      ['x', file('1\n')],
      ['n/y', file('4\n')],
    ]);
    const b = hashTree([['z', file('5\n')]]);
    const tree = await writeTreeWithChanges(repo, base, [
      { path: 'c/a', tree: a },
      { path: 'c/b', tree: b },
    ]);
    assert.equal(tree, nativeTree(tmp.dir, { 'c/a/x': '1\n', 'c/a/n/y': '4\n', 'c/b/z': '5\n', r: '3\n' }));
    assert.equal(gitCliSync(repo.gitdir, 'fsck', '--no-dangling').trim(), '');
  });
});
