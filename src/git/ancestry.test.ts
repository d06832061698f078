import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { descendsFrom } from './ancestry.ts';
import { GitRepositoryBroken } from './errors.ts';
import { readBlobAt, readBlobText } from './read-blob.ts';
import { openLocal, type GitRepo } from './repository.ts';

/** A real repository with two commits, a → b, each adding one file. */
function twoCommits(): { dir: string; repo: GitRepo; a: string; b: string; blob: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-ancestry-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
  git('add', '.');
  git('commit', '-q', '-m', 'a');
  const a = git('rev-parse', 'HEAD');
  writeFileSync(path.join(dir, 'b.yaml'), 'b: 2\n');
  git('add', '.');
  git('commit', '-q', '-m', 'b');
  return {
    dir,
    repo: openLocal(path.join(dir, '.git')),
    a,
    b: git('rev-parse', 'HEAD'),
    blob: git('rev-parse', 'HEAD:b.yaml'),
  };
}

/** Overwrites a loose object with bytes that do not inflate (a corrupt repository). */
function corrupt(dir: string, oid: string): void {
  const file = path.join(dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
  chmodSync(file, 0o644);
  writeFileSync(file, 'not a zlib stream');
}

describe('git: ancestry and blob reads (ancestry.ts, read-blob.ts)', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const r = twoCommits();
    dirs.push(r.dir);
    return r;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('descendsFrom: a later commit descends from an earlier one, not the other way, nor from itself', async () => {
    const { repo, a, b } = fresh();
    assert.deepEqual(
      [await descendsFrom(repo, b, a), await descendsFrom(repo, a, b), await descendsFrom(repo, b, b)],
      [true, false, false],
    );
  });
  it('descendsFrom: a commit that is not in the repository has no known order (false)', async () => {
    const { repo, a } = fresh();
    assert.equal(await descendsFrom(repo, 'f'.repeat(40), a), false);
  });
  it('descendsFrom: a corrupt commit object is GitRepositoryBroken, not "not newer"', async () => {
    const { dir, repo, a, b } = fresh();
    corrupt(dir, b);
    await assert.rejects(descendsFrom(repo, b, a), GitRepositoryBroken);
  });
  it('readBlobAt: a file of the tree, or undefined for a path the tree lacks', async () => {
    const { repo, a, b } = fresh();
    assert.equal(new TextDecoder().decode(await readBlobAt(repo, b, 'b.yaml')), 'b: 2\n');
    assert.equal(await readBlobAt(repo, a, 'b.yaml'), undefined);
  });
  it('readBlobAt and readBlobText: a corrupt blob is GitRepositoryBroken', async () => {
    const { dir, repo, b, blob } = fresh();
    corrupt(dir, blob);
    await assert.rejects(readBlobAt(repo, b, 'b.yaml'), GitRepositoryBroken);
    await assert.rejects(readBlobText(repo, blob), GitRepositoryBroken);
  });
});
