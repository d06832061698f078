import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { resolveRefs } from './ref-table.ts';
import { openLocal, tryResolve } from './repository.ts';

describe('resolveRefs: many refs at once, as git resolves each', () => {
  let dir = '';
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-ref-table-'));
    await git.init({ fs, gitdir: dir, bare: true });
    fs.mkdirSync(path.join(dir, 'refs', 'heads', 'team'), { recursive: true });
    writeFileSync(path.join(dir, 'refs', 'heads', 'loose'), `${a}\n`);
    writeFileSync(path.join(dir, 'refs', 'heads', 'both'), `${a}\n`);
    writeFileSync(path.join(dir, 'refs', 'heads', 'alias'), 'ref: refs/heads/loose\n');
    writeFileSync(
      path.join(dir, 'packed-refs'),
      `# pack-refs with: peeled fully-peeled sorted \n${b} refs/heads/both\n${b} refs/heads/packed\n${b} refs/tags/v1\n^${a}\n`,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: readonly [string, string | undefined][] = [
    ['refs/heads/loose', a],
    ['refs/heads/packed', b],
    ['refs/heads/both', a], // a loose ref wins over its packed line, as in git
    ['refs/heads/alias', a],
    ['refs/heads/missing', undefined],
    ['refs/heads/team', undefined], // a folder of refs is no ref
    ['refs/tags/v1', b],
  ];
  for (const [ref, want] of cases)
    it(`${ref} → ${want ?? 'missing'}, as tryResolve says`, async () => {
      const repo = openLocal(dir);
      assert.equal((await resolveRefs(repo, [ref])).get(ref), want);
      assert.equal(await tryResolve(repo, ref).catch(() => undefined), want);
    });
});
