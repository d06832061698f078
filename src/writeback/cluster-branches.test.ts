import assert from 'node:assert/strict';
import { clusterBranchName, clusterBranchUpdates, isBranchName, type ClusterBranchInput } from './cluster-branches.ts';

describe('isBranchName: git check-ref-format --branch', () => {
  const cases: readonly [string, boolean][] = [
    ['flotilla-rendered-member1', true],
    ['team/flotilla-rendered-eu.west-1', true],
    ['', false],
    ['@', false],
    ['a..b', false],
    ['a b', false],
    ['a~1', false],
    ['a^', false],
    ['a:b', false],
    ['a?', false],
    ['a*', false],
    ['a[b', false],
    ['a\\b', false],
    ['a@{1}', false],
    ['a//b', false],
    ['/a', false],
    ['a/', false],
    ['a.', false],
    ['a/.b', false],
    ['a.lock', false],
    ['a.lock/b', false],
    ['a\u0001', false],
  ];
  for (const [name, ok] of cases) it(`${JSON.stringify(name)} → ${ok}`, () => assert.equal(isBranchName(name), ok));
});

describe('clusterBranchUpdates', () => {
  const base: ClusterBranchInput = {
    renderedBranch: 'flotilla-rendered',
    clusters: ['b', 'a'],
    reserved: ['main', 'flotilla-status', 'flotilla-rendered'],
    folders: new Map([
      ['a', 'fa'],
      ['b', 'fb'],
    ]),
    tips: new Map(),
    isolatedTree: (path, folder) => `${path}=${folder}`,
  };
  const cases: readonly {
    name: string;
    input: Partial<ClusterBranchInput>;
    want: ReturnType<typeof clusterBranchUpdates>;
  }[] = [
    {
      name: 'no branch yet: every cluster gets one, sorted by cluster',
      input: {},
      want: {
        updates: [
          { cluster: 'a', branch: 'flotilla-rendered-a', folder: 'fa', tree: 'clusters/a=fa', parent: undefined },
          { cluster: 'b', branch: 'flotilla-rendered-b', folder: 'fb', tree: 'clusters/b=fb', parent: undefined },
        ],
        skipped: [],
        kept: [],
      },
    },
    {
      name: 'a branch already holding its folder alone does not move; one holding an old folder does',
      input: {
        tips: new Map([
          ['flotilla-rendered-a', { commit: 'ca', tree: 'clusters/a=fa' }],
          ['flotilla-rendered-b', { commit: 'cb', tree: 'clusters/b=old' }],
        ]),
      },
      want: {
        updates: [{ cluster: 'b', branch: 'flotilla-rendered-b', folder: 'fb', tree: 'clusters/b=fb', parent: 'cb' }],
        skipped: [],
        kept: [],
      },
    },
    {
      name: 'a cluster without a folder on the rendered tip is skipped',
      input: {
        folders: new Map([['b', 'fb']]),
        tips: new Map([['flotilla-rendered-b', { commit: 'cb', tree: 'clusters/b=fb' }]]),
      },
      want: {
        updates: [],
        skipped: [{ cluster: 'a', branch: 'flotilla-rendered-a', reason: 'FolderMissing' }],
        kept: [],
      },
    },
    {
      name: 'a name equal to, or nesting with, a reserved branch is skipped',
      input: { reserved: ['flotilla-rendered-a', 'flotilla-rendered-b/x'] },
      want: {
        updates: [],
        skipped: [
          { cluster: 'a', branch: 'flotilla-rendered-a', reason: 'BranchNameTaken' },
          { cluster: 'b', branch: 'flotilla-rendered-b', reason: 'BranchNameTaken' },
        ],
        kept: [],
      },
    },
    {
      name: 'a rendered branch whose cluster branch names git refuses',
      input: { renderedBranch: 'rendered.lock/x', clusters: ['a'] },
      want: {
        updates: [],
        skipped: [{ cluster: 'a', branch: 'rendered.lock/x-a', reason: 'BranchNameInvalid' }],
        kept: [],
      },
    },
    {
      name: "a removed cluster's folder with a branch: kept as it was and reported; one without a branch: nothing",
      input: {
        clusters: ['a'],
        folders: new Map([
          ['a', 'fa'],
          ['gone', 'fg'],
          ['never', 'fn'],
        ]),
        tips: new Map([
          ['flotilla-rendered-a', { commit: 'ca', tree: 'clusters/a=fa' }],
          ['flotilla-rendered-gone', { commit: 'cg', tree: 'clusters/gone=old' }],
        ]),
      },
      want: { updates: [], skipped: [], kept: [{ cluster: 'gone', branch: 'flotilla-rendered-gone' }] },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(clusterBranchUpdates({ ...base, ...c.input }), c.want));

  it('names: <rendered branch>-<cluster>, never <rendered branch>/<cluster> (a ref directory/file conflict)', () => {
    assert.equal(clusterBranchName('flotilla-rendered', 'member1'), 'flotilla-rendered-member1');
  });
});
