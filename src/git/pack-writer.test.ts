import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { packOf } from './pack-writer.ts';
import { openLocal } from './repository.ts';

describe('packOf: a pack git itself reads back', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-pack-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sizes: readonly [string, number][] = [
    ['an empty blob', 0],
    ['a blob whose size fits the first header byte', 15],
    ['a blob needing a second size byte', 300],
    ['a blob needing three size bytes', 70_000],
  ];
  const cases = [
    ...sizes.map(([name, size]) => ({ name, size, repacked: false })),
    { name: 'objects the repository holds in a pack, not loose', size: 300, repacked: true },
  ];
  for (const { name, size, repacked } of cases)
    it(`${name} (${size} bytes), beside a tree and a commit`, async () => {
      const from = path.join(dir, 'from.git');
      await git.init({ fs, gitdir: from, bare: true });
      const blob = await git.writeBlob({ fs, gitdir: from, blob: new Uint8Array(size).fill(65) });
      const tree = await git.writeTree({
        fs,
        gitdir: from,
        tree: [{ mode: '100644', path: 'f', oid: blob, type: 'blob' }],
      });
      const person = { name: 'p', email: 'p@p', timestamp: 0, timezoneOffset: 0 };
      const commit = await git.writeCommit({
        fs,
        gitdir: from,
        commit: { tree, parent: [], message: 'm\n', author: person, committer: person },
      });
      if (repacked) {
        execFileSync('git', ['--git-dir', from, 'update-ref', 'refs/heads/main', commit]);
        execFileSync('git', ['--git-dir', from, 'repack', '-a', '-d', '-q']);
        assert.equal(fs.existsSync(path.join(from, 'objects', blob.slice(0, 2), blob.slice(2))), false);
      }
      const pack = await packOf(openLocal(from), [commit, tree, blob]);
      const to = path.join(dir, 'to.git');
      execFileSync('git', ['init', '--quiet', '--bare', to]);
      execFileSync('git', ['--git-dir', to, 'index-pack', '--stdin', '--strict'], { input: pack });
      const show = (oid: string) => execFileSync('git', ['--git-dir', to, 'cat-file', '-s', oid], { encoding: 'utf8' });
      assert.equal(show(blob).trim(), String(size));
      assert.match(
        execFileSync('git', ['--git-dir', to, 'cat-file', '-p', commit], { encoding: 'utf8' }),
        new RegExp(`^tree ${tree}`),
      );
    });
});
