import assert from 'node:assert/strict';
import { concurrentWrite, StatusWatch } from './status-watch.ts';

describe('controller: noticing a second status writer', () => {
  const cases = [
    { name: 'nothing seen', atRead: [], atWrite: undefined, want: undefined },
    {
      name: 'commits at the read only',
      atRead: ['c2', 'c1'],
      atWrite: undefined,
      want: { commits: ['c2', 'c1'], duplicates: [] },
    },
    {
      name: 'both, one report without repeats',
      atRead: ['c1'],
      atWrite: { commits: ['c3', 'c1'], duplicates: ['flotilla: failover m1 (…)'] },
      want: { commits: ['c3', 'c1'], duplicates: ['flotilla: failover m1 (…)'] },
    },
    {
      name: "a duplicate decision alone (the writer's commit already seen)",
      atRead: [],
      atWrite: { commits: [], duplicates: ['x'] },
      want: { commits: [], duplicates: ['x'] },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(concurrentWrite(c.atRead, c.atWrite), c.want));

  it('remembers the last tip and forgets it on reset (a new leader)', () => {
    const w = new StatusWatch();
    assert.equal(w.last, undefined);
    w.seen('abc');
    assert.equal(w.last, 'abc');
    w.reset();
    assert.equal(w.last, undefined);
  });
});
