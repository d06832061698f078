import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitCliSync } from '../../test/git/helpers/workspace.ts';
import { parseRevision, revParse, RevisionUnresolvable } from './rev-parse.ts';

describe('revParse: the revisions a user types, against a real repository and git itself', function () {
  this.timeout(30000);
  let dir = '';
  let gitdir = '';
  const git = (...args: string[]) => gitCliSync(dir, ...args);
  const commit = (file: string) => {
    writeFileSync(path.join(dir, file), file);
    git('add', file);
    git('commit', '--quiet', '-m', file);
    return git('rev-parse', 'HEAD');
  };
  let shas: Record<string, string> = {};

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-rev-parse-'));
    gitdir = path.join(dir, '.git');
    git('init', '--quiet', '--initial-branch', 'main');
    const c1 = commit('a');
    git('tag', 'lw');
    const c2 = commit('b');
    git('tag', '-a', 'v1', '-m', 'v1');
    git('update-ref', 'refs/remotes/origin/main', c2);
    git('checkout', '--quiet', '-b', 'topic');
    const t1 = commit('t');
    git('checkout', '--quiet', 'main');
    const c3 = commit('c');
    git('merge', '--quiet', '--no-ff', '-m', 'merge topic', 'topic');
    shas = { c1, c2, c3, t1, m: git('rev-parse', 'HEAD') };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const same = [
    'HEAD',
    'HEAD~1',
    'HEAD~2',
    'HEAD~3',
    'HEAD^',
    'HEAD^2',
    'HEAD^^',
    'HEAD^2~1',
    'main~0',
    'main^0',
    'main^{commit}',
    'v1',
    'v1^{}',
    'v1~1',
    'lw',
    'origin/main',
    'origin/main~1',
    'refs/heads/topic',
    'topic^',
    'HEAD~1^{commit}',
  ];
  for (const rev of same)
    it(`${rev} is what git rev-parse says`, async () =>
      assert.equal(await revParse({ gitdir }, rev), git('rev-parse', '--verify', '--quiet', `${rev}^{commit}`)));

  it('short and full SHAs, with suffixes', async () => {
    assert.equal(await revParse({ gitdir }, shas['c3']!.slice(0, 7)), shas['c3']);
    assert.equal(await revParse({ gitdir }, `${shas['c3']!.slice(0, 7)}~2`), shas['c1']);
    assert.equal(await revParse({ gitdir }, shas['t1']!.toUpperCase().slice(0, 10)), shas['t1']);
    assert.equal(await revParse({ gitdir }, `${shas['m']}^2`), shas['t1']);
  });

  const refused = [
    'HEAD~99',
    'HEAD^3',
    'nosuch',
    'nosuch~1',
    'HEAD@{1}',
    ':/fix',
    'HEAD^{tree}',
    'main~x',
    'deadbee',
    '',
  ];
  for (const rev of refused)
    it(`refuses "${rev}" with RevisionUnresolvable`, async () =>
      assert.rejects(revParse({ gitdir }, rev), RevisionUnresolvable));
});

describe('parseRevision: name and suffix steps', () => {
  const cases = [
    { rev: 'main', want: { name: 'main', steps: [] } },
    { rev: 'HEAD~', want: { name: 'HEAD', steps: [{ kind: 'ancestor', n: 1 }] } },
    {
      rev: 'origin/main~3^2',
      want: {
        name: 'origin/main',
        steps: [
          { kind: 'ancestor', n: 3 },
          { kind: 'parent', n: 2 },
        ],
      },
    },
    { rev: 'v1^{}^0', want: { name: 'v1', steps: [{ kind: 'peel' }, { kind: 'parent', n: 0 }] } },
    { rev: 'main~x', want: undefined },
    { rev: '~1', want: undefined },
  ];
  for (const c of cases) it(c.rev, () => assert.deepEqual(parseRevision(c.rev), c.want));
});
