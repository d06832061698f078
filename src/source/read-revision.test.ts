import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stableHash } from '../api/index.ts';
import { readRevision, repoRevision } from './read-revision.ts';
import { workingTreeLabel } from './revision-label.ts';

const enc = new TextEncoder();
const file = (p: string, text: string) => ({ path: p, bytes: enc.encode(text) });

describe('the revision label (source/revision-label.ts)', () => {
  const cases = [
    { name: 'no files', files: [] },
    { name: 'one file', files: [file('apps/a.yaml', 'kind: ConfigMap\n')] },
    {
      name: 'two files, non-ASCII text',
      files: [file('apps/a.yaml', 'a: ü\n'), file('clusters/m1.yaml', 'kind: Cluster\n')],
    },
  ];
  for (const c of cases) {
    it(`${c.name}: working-tree-<FNV-1a of the files joined>, the label apply always stamped`, () => {
      const joined = c.files.map((f) => `${f.path}\u0000${new TextDecoder().decode(f.bytes)}`).join('\u0000');
      assert.equal(workingTreeLabel(c.files), `working-tree-${stableHash(joined)}`);
    });
  }
  it('two different trees never share a label', () => {
    assert.notEqual(workingTreeLabel([file('a.yaml', 'x: 1\n')]), workingTreeLabel([file('a.yaml', 'x: 2\n')]));
    assert.notEqual(workingTreeLabel([file('a.yaml', 'x: 1\n')]), workingTreeLabel([file('b.yaml', 'x: 1\n')]));
  });
});

describe('readRevision (source/read-revision.ts)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-revision-'));
    mkdirSync(path.join(dir, 'apps'));
    writeFileSync(path.join(dir, 'apps', 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: dir,
        encoding: 'utf8',
      }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a working tree is labelled by its files', async () => {
    const s = await readRevision(repoRevision(dir, undefined, '/'));
    assert.equal(s.revision, workingTreeLabel(s.files));
    assert.deepEqual(
      s.files.map((f) => f.path),
      ['apps/a.yaml'],
    );
  });
  it('a ref is labelled by its commit sha', async () => {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    const s = await readRevision(repoRevision('.', 'main', dir));
    assert.equal(s.revision, sha);
  });
});
