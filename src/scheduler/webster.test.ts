import assert from 'node:assert/strict';
import { allocateWebsterSeats, tieBreakOf } from './webster.ts';
import type { TieBreak } from './types.ts';

const w = (o: Record<string, number>) => Object.entries(o).map(([name, weight]) => ({ name, weight }));

const cases: {
  name: string;
  seats: number;
  votes: Record<string, number>;
  initial?: { name: string; replicas: number }[];
  tie?: TieBreak;
  want: Record<string, number>;
}[] = [
  {
    name: '5 seats by 5:3:1 favour the small party',
    seats: 5,
    votes: { a: 5, b: 3, c: 1 },
    want: { a: 2, b: 2, c: 1 },
  },
  { name: '3 seats by 6:3:2 give one each', seats: 3, votes: { a: 6, b: 3, c: 2 }, want: { a: 1, b: 1, c: 1 } },
  { name: '9 seats by 1:2', seats: 9, votes: { a: 1, b: 2 }, want: { a: 3, b: 6 } },
  { name: 'equal tie, name ascending', seats: 1, votes: { a: 1, b: 1 }, tie: 'NameAscending', want: { a: 1, b: 0 } },
  { name: 'equal tie, name descending', seats: 1, votes: { a: 1, b: 1 }, tie: 'NameDescending', want: { a: 0, b: 1 } },
  { name: 'zero-vote party gets nothing', seats: 4, votes: { a: 0, b: 1 }, want: { a: 0, b: 4 } },
  {
    name: 'initial seats count',
    seats: 1,
    votes: { a: 1, b: 1 },
    initial: [{ name: 'a', replicas: 1 }],
    want: { a: 1, b: 1 },
  },
  { name: 'huge weights stay exact', seats: 3, votes: { a: 2 ** 40, b: 2 ** 40 + 1 }, want: { a: 1, b: 2 } },
];

describe('allocateWebsterSeats', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = allocateWebsterSeats(c.seats, w(c.votes), c.initial ?? [], c.tie ?? 'NameAscending');
      assert.deepEqual(Object.fromEntries(got.map((g) => [g.name, g.replicas])), c.want);
    });
  }
  it('tie-break direction is a stable function of the resource key (flotilla differs: key, not UID)', () => {
    assert.equal(tieBreakOf('apps/v1|Deployment|default|web'), tieBreakOf('apps/v1|Deployment|default|web'));
    const both = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map(tieBreakOf));
    assert.deepEqual([...both].sort(), ['NameAscending', 'NameDescending']);
  });
});
